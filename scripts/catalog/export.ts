import { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { callError, GatewaySession, gatewayUrl } from './gateway-session.ts';

/** `export`: streams every product, in the import format, to stdout. */
export async function exportCommand(options: { format?: string; url?: string }): Promise<void> {
  const format = options.format ?? 'csv';
  if (format !== 'csv' && format !== 'ndjson') throw new Error('--format must be csv or ndjson');
  const session = new GatewaySession(gatewayUrl(options.url));
  const path = `/api/catalog/exports/products?format=${format}`;
  // Asking for the file's type makes the gateway stream the answer through instead of collecting it.
  const response = await session.fetch(path, { headers: { accept: format === 'csv' ? 'text/csv' : 'application/x-ndjson' } });
  if (!response.ok || !response.body) throw await callError('GET', path, response);
  await pipeline(Readable.fromWeb(response.body as never), process.stdout);
}
