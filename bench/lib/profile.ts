import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { ROOT } from './spawn.ts';

interface CallFrame {
  functionName: string;
  url: string;
  lineNumber: number;
}

interface ProfileNode {
  id: number;
  callFrame: CallFrame;
  children?: number[];
}

interface CpuProfile {
  nodes: ProfileNode[];
  startTime: number;
  samples: number[];
  timeDeltas: number[];
}

/** Self time of one frame or one area of the code, in percent of the busy (non-idle) samples. */
export interface Share {
  name: string;
  percent: number;
}

/** The top of a CPU profile, restricted to a time window. */
export interface ProfileSummary {
  /** Milliseconds of samples inside the window, idle included. */
  windowMs: number;
  /** Share of those samples where the main thread was busy. */
  busyPercent: number;
  frames: Share[];
  areas: Share[];
  /** Self time by layer of the request path; generic frames are charged to their nearest layered caller. */
  layers: Share[];
}

const OTHER = 'other (event loop, microtasks, Node internals)';

/** Layers of the request path, matched against `area` (and the frame name for native frames). */
const LAYERS: Array<[string, RegExp]> = [
  ['Node HTTP and sockets (client and PostgreSQL connections)', /^(node:_http|node:net|node:internal\/streams|node:internal\/stream_base_commons|node:stream|\(native\) (writev|writeString|writeBuffer|utf8Write|latin1Write))/],
  ['Fastify (routing, hooks, schemas, serialization)', /^(fastify|@fastify\/|find-my-way|avvio|fast-json-stringify|ajv|fast-uri|toad-cache|fastq|fast-querystring|process-warning|abstract-logging)/],
  ['in-process hop (inject, resilience policies)', /^(light-my-request|cockatiel|packages\/kit\/src\/client|node:internal\/abort_controller|node:internal\/per_context|node:internal\/event_target)/],
  ['database client (kysely, pg)', /^(kysely|pg|pg-pool|pg-protocol|pg-types|pg-connection-string|postgres-[a-z]+|packet-reader|buffer-writer)$/],
  ['logging (pino, redaction)', /^(pino|pino-std-serializers|@pinojs\/[a-z-]+|sonic-boom|fast-redact|on-exit-leak-free)$/],
  ['telemetry (OpenTelemetry, metrics, async context)', /^(@opentelemetry\/[a-z-]+|prom-client|tdigest|bintrees|node:internal\/async_hooks|node:async_hooks)$/],
  ['garbage collection', /^\(garbage collector\)$/],
  ['repository code (kit, services)', /^(packages|services)\//],
];

/** Frames that only trampoline callbacks: they say nothing about who the work is for. */
const TRAMPOLINES = new Set(['callbackTrampoline', 'processTicksAndRejections', 'runMicrotasks', 'listOnTimeout', 'processTimers']);

function layerOf(frame: CallFrame): string | undefined {
  if (TRAMPOLINES.has(frame.functionName)) return undefined;
  const area = areaOf(frame.url, frame.functionName);
  const key = area === '(native)' ? `(native) ${frame.functionName}` : area;
  return LAYERS.find(([, pattern]) => pattern.test(key))?.[0];
}

/** Where a script URL lives: an npm package, Node's internals, or a part of this repository. */
function areaOf(url: string, functionName: string): string {
  if (!url) return functionName.startsWith('(') ? functionName : '(native)';
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) return pkg[1]!;
  if (url.startsWith('node:')) return url.split('/').slice(0, 2).join('/');
  const path = relative(ROOT, url.replace(/^file:\/\//, ''));
  const repo = /^(packages|services)\/([^/]+)\/src\/([^/]+)/.exec(path);
  return repo ? `${repo[1]}/${repo[2]}/${repo[3]}` : path;
}

/** Microseconds on CLOCK_MONOTONIC, the clock V8 stamps profile samples with on Linux. */
export function monotonicMicros(): number {
  return Number(process.hrtime.bigint() / 1000n);
}

// `windows` are [start, end] in monotonic µs; when no sample falls inside, the whole profile is used.
/** Ranks a `.cpuprofile`'s self time by frame, area (package or folder) and layer, within `windows`. */
export function summarizeProfile(file: string, windows: Array<[number, number]>): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const parent = new Map<number, number>();
  for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
  // A frame in generic code (events, buffers, timers) is charged to the nearest caller with a layer.
  const layerCache = new Map<number, string>();
  const layerOfNode = (id: number): string => {
    let layer = layerCache.get(id);
    if (layer === undefined) {
      const up = parent.get(id);
      layer = layerOf(byId.get(id)!.callFrame) ?? (up === undefined ? OTHER : layerOfNode(up));
      layerCache.set(id, layer);
    }
    return layer;
  };

  let t = profile.startTime;
  const stamped = profile.samples.map((id, i) => ({ id, at: (t += profile.timeDeltas[i] ?? 0), weight: profile.timeDeltas[i + 1] ?? 0 }));
  let chosen = stamped.filter((s) => windows.some(([a, b]) => s.at >= a && s.at <= b));
  if (chosen.length === 0) chosen = stamped;

  const self = new Map<string, number>();
  const areas = new Map<string, number>();
  const layers = new Map<string, number>();
  let total = 0;
  let idle = 0;
  for (const sample of chosen) {
    const node = byId.get(sample.id)!;
    const { functionName, url, lineNumber } = node.callFrame;
    total += sample.weight;
    if (functionName === '(idle)') {
      idle += sample.weight;
      continue;
    }
    const frame = `${functionName || '(anonymous)'} ${url ? `${areaOf(url, functionName)}:${lineNumber + 1}` : ''}`.trim();
    self.set(frame, (self.get(frame) ?? 0) + sample.weight);
    const area = areaOf(url, functionName);
    areas.set(area, (areas.get(area) ?? 0) + sample.weight);
    const layer = layerOfNode(sample.id);
    layers.set(layer, (layers.get(layer) ?? 0) + sample.weight);
  }
  const busy = total - idle || 1;
  const rank = (map: Map<string, number>, n: number): Share[] =>
    [...map.entries()]
      .sort((a, b) => b[1] - a[1])
      .slice(0, n)
      .map(([name, us]) => ({ name, percent: Math.round((us / busy) * 1000) / 10 }));
  return {
    windowMs: Math.round(total / 1000),
    busyPercent: Math.round(((total - idle) / (total || 1)) * 1000) / 10,
    frames: rank(self, 20),
    areas: rank(areas, 15),
    layers: rank(layers, LAYERS.length + 1),
  };
}
