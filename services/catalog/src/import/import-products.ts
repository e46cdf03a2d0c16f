import type { Readable } from 'node:stream';
import type { ServiceContext } from '@mercato/kit';
import { csvProducts } from './csv-products.ts';
import { csvRows } from './csv-rows.ts';
import type { JobProgress } from './jobs.store.ts';
import { ndjsonLines } from './ndjson-lines.ts';
import { ndjsonProducts } from './ndjson-products.ts';
import type { ImportFormat } from './records.ts';
import { loadCategoryIds, loadChannels, loadDefinitions } from './references.ts';
import type { RowError } from './row-error.ts';
import type { ImportDb } from './tables.ts';
import { validateProduct, type ImportProduct } from './validate-product.ts';
import { BrandIds, writeProducts } from './write-products.ts';

/** Products per transaction: big enough for set-based statements to pay off, small enough to keep locks short. */
export const PRODUCT_BATCH = 1000;

/** Receives each batch's counters and rejected rows, in order. */
export type ProgressSink = (delta: JobProgress, errors: RowError[]) => Promise<void>;

/**
 * Imports a products file: reads and validates products one at a time (memory stays bounded), and
 * writes them in batches; the next batch is read and validated while the previous one is written.
 */
export async function importProducts(ctx: ServiceContext<ImportDb>, input: Readable, format: ImportFormat, report: ProgressSink): Promise<void> {
  const refs = {
    categories: await loadCategoryIds(ctx.db),
    definitions: await loadDefinitions(ctx.db),
    channels: await loadChannels(ctx.db),
    skusInFile: new Set<string>(),
  };
  const products = format === 'csv' ? csvProducts(csvRows(input), refs.definitions) : ndjsonProducts(ndjsonLines(input));
  const brands = new BrandIds();
  let batch: ImportProduct[] = [];
  let delta = zero();
  let errors: RowError[] = [];
  let writing: Promise<void> = Promise.resolve();

  const flush = () => {
    const [products, rejected, counted] = [batch, errors, delta];
    batch = [];
    errors = [];
    delta = zero();
    const previous = writing;
    // Writes run one after the other (a later batch may take a SKU an earlier one releases).
    writing = (async () => {
      await previous;
      const outcome = products.length > 0 ? await writeProducts(ctx, products, brands) : undefined;
      if (outcome) {
        counted.created += outcome.created;
        counted.updated += outcome.updated;
        counted.unchanged += outcome.unchanged;
        for (const { product, errors: found } of outcome.failed) {
          counted.failed++;
          counted.rowsFailed += product.rows;
          rejected.push(...found);
        }
      }
      await report(counted, rejected);
    })();
    // Surfaces a failed write at the next flush instead of as an unhandled rejection.
    writing.catch(() => undefined);
    return previous;
  };

  for await (const parsed of products) {
    const product = validateProduct(parsed, refs);
    delta.rowsDone += parsed.rows;
    if (product) batch.push(product);
    else {
      delta.failed++;
      delta.rowsFailed += parsed.rows;
      errors.push(...parsed.errors);
    }
    if (batch.length >= PRODUCT_BATCH) await flush();
  }
  await flush();
  await writing;
}

function zero(): JobProgress {
  return { rowsDone: 0, rowsFailed: 0, created: 0, updated: 0, unchanged: 0, failed: 0 };
}
