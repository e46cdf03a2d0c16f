import type { Readable } from 'node:stream';
import { createInterface } from 'node:readline';

/** One NDJSON line, parsed, or why it could not be. */
export type NdjsonLine = { line: number; value: unknown } | { line: number; malformed: string };

/** Streams the lines of an NDJSON file as parsed JSON; blank lines are skipped. */
export async function* ndjsonLines(input: Readable): AsyncGenerator<NdjsonLine> {
  let line = 0;
  for await (const text of createInterface({ input, crlfDelay: Infinity })) {
    line++;
    if (text.trim() === '') continue;
    try {
      yield { line, value: JSON.parse(line === 1 ? text.replace(/^\uFEFF/, '') : text) };
    } catch (error) {
      yield { line, malformed: `invalid JSON: ${(error as Error).message}` };
    }
  }
}
