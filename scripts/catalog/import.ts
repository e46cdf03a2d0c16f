import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { ImportJob } from '../../services/catalog/src/import/job-view.ts';
import { callError, GatewaySession, gatewayUrl } from './gateway-session.ts';
import { duration, progressLine, summary } from './progress-line.ts';

const KINDS = ['products', 'categories', 'attributes'] as const;
const MEDIA_TYPES: Record<string, string> = { '.csv': 'text/csv', '.ndjson': 'application/x-ndjson', '.jsonl': 'application/x-ndjson' };
const POLL_MS = 1000;
/** Without a terminal (logs, CI), one progress line this often. */
const LOG_EVERY_MS = 5000;
const FIRST_ERRORS = 20;

interface ImportError {
  line: number;
  item: string | null;
  field: string | null;
  code: string;
  message: string;
}

/**
 * `import <file>`: streams the file through the gateway, follows the job until it ends and prints a
 * summary and the first rejected rows. Exit code 0 when every row was imported, 1 otherwise.
 */
export async function importCommand(file: string, options: { kind?: string; url?: string }): Promise<number> {
  const kind = options.kind ?? 'products';
  if (!(KINDS as readonly string[]).includes(kind)) throw new Error(`--kind must be one of ${KINDS.join(', ')}`);
  const mediaType = MEDIA_TYPES[extname(file).toLowerCase()];
  if (!mediaType) throw new Error(`${file}: name a .csv or .ndjson file`);
  const session = new GatewaySession(gatewayUrl(options.url));

  const { size } = await stat(file);
  const show = statusLine();
  let sent = 0;
  const uploaded = await session.fetch(
    `/api/catalog/imports?kind=${kind}`,
    {
      method: 'POST',
      headers: { 'content-type': mediaType, 'content-length': String(size) },
      body: counting(createReadStream(file, { highWaterMark: 1 << 20 }), (n) => {
        sent += n;
        show(`uploading ${(sent / 1e6).toFixed(1)} / ${(size / 1e6).toFixed(1)} MB`);
      }) as unknown as BodyInit,
      duplex: 'half',
    } as RequestInit,
    false, // a stream cannot be sent twice
  );
  if (uploaded.status !== 202) throw await callError('POST', '/api/catalog/imports', uploaded);
  let job = (await uploaded.json()) as ImportJob;
  show(`uploaded ${(size / 1e6).toFixed(1)} MB as ${job.id}`, true);

  while (job.status === 'queued' || job.status === 'running') {
    await sleep(POLL_MS);
    job = await session.json<ImportJob>(`/api/catalog/imports/${job.id}`);
    show(progressLine(job));
  }
  show(progressLine(job), true);
  console.log(summary(job));
  if (job.rows.failed > 0) {
    const { items } = await session.json<{ items: ImportError[] }>(`/api/catalog/imports/${job.id}/errors?limit=${FIRST_ERRORS}`);
    console.log(`\nFirst ${items.length} of ${job.rows.failed.toLocaleString('en-US')} rejected rows:`);
    for (const e of items) console.log(`  line ${e.line}${e.item ? ` (${e.item})` : ''}${e.field ? ` ${e.field}` : ''}: ${e.code}: ${e.message}`);
    console.log(`All of them: ${session.base}/api/catalog/imports/${job.id}/errors?format=csv`);
  }
  return job.status === 'succeeded' && job.rows.failed === 0 ? 0 : 1;
}

/** Yields the file's chunks, reporting their sizes as the gateway takes them. */
async function* counting(chunks: AsyncIterable<Buffer>, onChunk: (bytes: number) => void): AsyncGenerator<Buffer> {
  for await (const chunk of chunks) {
    yield chunk;
    onChunk(chunk.length);
  }
}

/** Progress on stderr: rewritten in place on a terminal, otherwise a line now and then (and every final one). */
function statusLine(): (text: string, final?: boolean) => void {
  const tty = process.stderr.isTTY;
  const started = performance.now();
  let lastLogged = -Infinity;
  return (text, final = false) => {
    const line = `[${duration((performance.now() - started) / 1000)}] ${text}`;
    if (tty) process.stderr.write(`\r\x1b[2K${line}${final ? '\n' : ''}`);
    else if (final || performance.now() - lastLogged >= LOG_EVERY_MS) {
      process.stderr.write(`${line}\n`);
      lastLogged = performance.now();
    }
  };
}
