import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const CONTENT_TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
  '.webmanifest': 'application/manifest+json',
};

/** Encodings the build writes next to each text file (`app.js.br`, `app.js.gz`), best first. */
const PRECOMPRESSED = [
  { encoding: 'br', suffix: '.br' },
  { encoding: 'gzip', suffix: '.gz' },
] as const;

/** A file ready to send: its stream, length and headers. */
export interface StaticFile {
  path: string;
  size: number;
  contentType: string;
  encoding?: string;
  etag: string;
}

/**
 * Finds `relativePath` under `root` (never outside it), preferring a precompressed variant the
 * client accepts. Undefined when there is no such file.
 */
export async function findStaticFile(root: string, relativePath: string, acceptEncoding = ''): Promise<StaticFile | undefined> {
  const path = resolve(root, `.${sep}${relativePath}`);
  if (path !== root && !path.startsWith(root + sep)) return undefined;
  const original = await fileStat(path);
  if (!original) return undefined;
  const contentType = CONTENT_TYPES[extname(path)] ?? 'application/octet-stream';
  const etag = `"${original.size.toString(16)}-${Math.floor(original.mtimeMs).toString(16)}`;
  for (const { encoding, suffix } of PRECOMPRESSED) {
    if (!accepts(acceptEncoding, encoding)) continue;
    const compressed = await fileStat(path + suffix);
    if (compressed) return { path: path + suffix, size: compressed.size, contentType, encoding, etag: `${etag}-${encoding}"` };
  }
  return { path, size: original.size, contentType, etag: `${etag}"` };
}

/** The file's bytes as a stream. */
export function openStaticFile(file: StaticFile) {
  return createReadStream(file.path);
}

async function fileStat(path: string) {
  try {
    const info = await stat(path);
    return info.isFile() ? info : undefined;
  } catch {
    return undefined;
  }
}

function accepts(header: string, encoding: string): boolean {
  return header.split(',').some((part) => {
    const [name, ...params] = part.trim().split(';');
    return name === encoding && !params.some((p) => /^\s*q=0(\.0*)?\s*$/.test(p));
  });
}
