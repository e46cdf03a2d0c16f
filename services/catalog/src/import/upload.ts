import { createWriteStream } from 'node:fs';
import { mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Transform, type Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';

/** Where uploads wait for their job: `CATALOG_IMPORT_DIR`, or a directory under the system's temp dir. */
export function uploadDir(env: Readonly<Record<string, string | undefined>>): string {
  return env.CATALOG_IMPORT_DIR || join(tmpdir(), 'mercato-catalog-imports');
}

export class UploadTooLargeError extends Error {}

/** Streams a request body to `path` (never held in memory), counting bytes and line breaks. */
export async function saveUpload(body: Readable, path: string, maxBytes: number): Promise<{ bytes: number; lines: number }> {
  await mkdir(join(path, '..'), { recursive: true });
  let bytes = 0;
  let lines = 0;
  let last = 0x0a;
  const count = new Transform({
    transform(chunk: Buffer, _encoding, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new UploadTooLargeError(`the file is larger than ${maxBytes} bytes`));
      for (let i = chunk.indexOf(0x0a); i !== -1; i = chunk.indexOf(0x0a, i + 1)) lines++;
      last = chunk[chunk.length - 1] ?? last;
      done(null, chunk);
    },
  });
  try {
    await pipeline(body, count, createWriteStream(path));
  } catch (error) {
    await rm(path, { force: true });
    throw error;
  }
  return { bytes, lines: lines + (last === 0x0a ? 0 : 1) };
}
