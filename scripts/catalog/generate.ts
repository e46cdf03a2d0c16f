import { generateCatalog } from '../../bench/catalog/generate.ts';
import { writeCatalogFiles } from '../../bench/catalog/write-files.ts';

/** `generate`: writes a synthetic catalog's import files. */
export async function generateCommand(options: { products?: string; seed?: string; format?: string; out?: string }): Promise<void> {
  const products = Number(options.products ?? 250_000);
  const seed = Number(options.seed ?? 1);
  const format = options.format ?? 'csv';
  if (!Number.isInteger(products) || products < 1) throw new Error('--products must be a positive integer');
  if (format !== 'csv' && format !== 'ndjson') throw new Error('--format must be csv or ndjson');
  const out = options.out ?? 'data/catalog';
  const started = performance.now();
  const catalog = generateCatalog({ seed, products });
  const files = await writeCatalogFiles(catalog, format, out, (n) => process.stderr.write(`\r${n} / ${products} products`));
  const seconds = (performance.now() - started) / 1000;
  process.stderr.write('\n');
  console.log(
    `${products} products, ${files.skus} SKUs, ${catalog.categories.length} categories, ${catalog.brands.length} brands, ` +
      `${catalog.attributes.length} attributes → ${files.categories}, ${files.attributes}, ${files.products} ` +
      `(${(files.bytes / 1e6).toFixed(1)} MB in ${seconds.toFixed(1)} s)`,
  );
}
