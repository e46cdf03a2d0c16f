import { createWriteStream, mkdirSync } from 'node:fs';
import { once } from 'node:events';
import { join } from 'node:path';
import { csvLine } from '../../services/catalog/src/export/csv.ts';
import { productCsvHeader, productCsvRows, type ProductCsvLayout } from '../../services/catalog/src/export/product-csv.ts';
import type { ImportFormat } from '../../services/catalog/src/import/records.ts';
import type { GeneratedCatalog } from './generate.ts';

/** The import files of a generated catalog. */
export interface CatalogFiles {
  categories: string;
  attributes: string;
  products: string;
  skus: number;
  bytes: number;
}

/** Writes lines to a file in ~1 MB chunks, waiting when the stream is full (bounded memory). */
async function writeLines(path: string, lines: Iterable<string>): Promise<number> {
  const out = createWriteStream(path);
  let chunk = '';
  let bytes = 0;
  for (const line of lines) {
    chunk += line;
    if (chunk.length >= 1 << 20) {
      bytes += Buffer.byteLength(chunk);
      if (!out.write(chunk)) await once(out, 'drain');
      chunk = '';
    }
  }
  bytes += Buffer.byteLength(chunk);
  out.end(chunk);
  await once(out, 'finish');
  return bytes;
}

/** The CSV columns the generated products use. */
export function generatedLayout(catalog: GeneratedCatalog): ProductCsvLayout {
  const columns = (scope: 'product' | 'variant') =>
    catalog.attributes.filter((a) => (a.scope ?? 'product') === scope).map((a) => (a.localized ? { code: a.code, locales: ['en', 'de'] } : { code: a.code }));
  return { productAttributes: columns('product'), variantAttributes: columns('variant'), options: ['color', 'size'] };
}

/**
 * Writes `categories.<format>`, `attributes.ndjson` (attribute definitions are NDJSON only) and
 * `products.<format>` into `dir`.
 */
export async function writeCatalogFiles(catalog: GeneratedCatalog, format: ImportFormat, dir: string, onProgress?: (products: number) => void): Promise<CatalogFiles> {
  mkdirSync(dir, { recursive: true });
  const files = { categories: join(dir, `categories.${format}`), attributes: join(dir, 'attributes.ndjson'), products: join(dir, `products.${format}`) };
  const categoryLines = catalog.categories.map(({ slug, name, parent, position }) =>
    format === 'csv' ? csvLine([slug, name, parent ?? '', String(position ?? 0)]) : `${JSON.stringify({ slug, name, parent: parent ?? null, position })}\n`,
  );
  let bytes = await writeLines(files.categories, format === 'csv' ? [csvLine(['slug', 'name', 'parent', 'position']), ...categoryLines] : categoryLines);
  bytes += await writeLines(files.attributes, catalog.attributes.map((a) => `${JSON.stringify(a)}\n`));
  let skus = 0;
  const layout = generatedLayout(catalog);
  function* productLines(): Iterable<string> {
    if (format === 'csv') yield csvLine(productCsvHeader(layout));
    let n = 0;
    for (const product of catalog.products()) {
      skus += product.variants.length;
      if (format === 'csv') for (const row of productCsvRows(product, layout)) yield csvLine(row);
      else yield `${JSON.stringify(product)}\n`;
      if (++n % 10_000 === 0) onProgress?.(n);
    }
  }
  bytes += await writeLines(files.products, productLines());
  return { ...files, skus, bytes };
}
