import type { Readable } from 'node:stream';
import { parse } from 'csv-parse';

/** One CSV record with the line it starts on (1-based, the header is line 1). */
export type CsvRow = { line: number; fields: string[] } | { line: number; malformed: string };

/**
 * Streams the records of a CSV file. Stray quotes inside a field are read literally; a quoted field
 * that is never closed swallows the rest of the file and is reported once, as malformed.
 */
export async function* csvRows(input: Readable): AsyncGenerator<CsvRow> {
  const skipped: CsvRow[] = [];
  const parser = input.pipe(
    parse({
      bom: true,
      info: true,
      relax_column_count: true,
      relax_quotes: true,
      skip_records_with_error: true,
      on_skip: (error: { message: string; lines?: number } | undefined) => {
        if (error) skipped.push({ line: error.lines ?? 0, malformed: error.message });
      },
    }),
  );
  let lastLine = 0;
  for await (const { info, record } of parser as AsyncIterable<{ info: { lines: number }; record: string[] }>) {
    while (skipped.length) yield skipped.shift()!;
    const line = lastLine + 1;
    lastLine = info.lines;
    if (record.length === 1 && record[0] === '') continue; // empty line
    yield { line, fields: record };
  }
  while (skipped.length) yield skipped.shift()!;
}
