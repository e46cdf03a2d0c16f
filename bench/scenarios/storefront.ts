import { join } from 'node:path';
import { initialBundle } from '../../scripts/lib/initial-bundle.ts';
import { buildApps } from '../../scripts/lib/build-apps.ts';
import { removeTempDir, tempDir } from '../lib/cleanup.ts';
import { median, round, table } from '../lib/format.ts';
import { startPlatform, type ServerProcess } from '../lib/spawn.ts';
import type { BenchOptions, Scenario } from '../scenario.ts';

/** Budgets of issue "storefront and admin": initial JS of the storefront, and the product page via the BFF. */
export const BUDGETS = { storefrontInitialJsGzipKiB: 150, productPageP95Ms: 30 };

/** What the storefront's product page asks the web BFF for. */
const PRODUCT_PAGE = `query ProductPage($handle: String!) {
  product(handle: $handle) {
    id handle name description image
    brand { name } category { name }
    attributes { label value }
    price { unit { formatted } }
    inStock
    variants { sku name options { name value } price { unit { amount formatted } } availability { available inStock } }
  }
}`;

const log = (line: string) => console.error(line);

/** Latencies (ms) of `clients` concurrent loops fetching `urls` round-robin for `seconds`. */
async function latencies(urls: string[], clients: number, seconds: number): Promise<number[]> {
  const samples: number[] = [];
  const until = performance.now() + seconds * 1000;
  let next = 0;
  await Promise.all(
    Array.from({ length: clients }, async () => {
      while (performance.now() < until) {
        const url = urls[next++ % urls.length]!;
        const started = performance.now();
        const response = await fetch(url);
        const body = (await response.json()) as { errors?: unknown[]; data?: { product: unknown } };
        if (response.status !== 200 || body.errors || !body.data?.product) throw new Error(`product page failed: ${response.status} ${JSON.stringify(body).slice(0, 300)}`);
        samples.push(performance.now() - started);
      }
    }),
  );
  return samples.sort((a, b) => a - b);
}

/** The platform answers before the first start's demo shop (currency, prices, stock) is set up: wait for it. */
async function demoShopReady(url: string): Promise<void> {
  for (const until = Date.now() + 120_000; Date.now() < until; await new Promise((r) => setTimeout(r, 500))) {
    const body = (await (await fetch(url)).json()) as { errors?: unknown[]; data?: { product?: { price?: unknown } } };
    if (!body.errors && body.data?.product?.price) return;
  }
  throw new Error('the demo shop was not set up within 2 minutes');
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((sorted.length * p) / 100))]!;

/** The storefront's first-visit JavaScript, and its product page's GraphQL query through the gateway (embedded). */
export const storefront: Scenario = {
  name: 'storefront',
  description: 'storefront initial JS (gzip) and the product page via the web BFF (GraphQL), embedded',
  async run(options: BenchOptions) {
    await buildApps({ quiet: true });
    const bundle = await initialBundle(join(import.meta.dirname, '../../apps/storefront/dist'));
    const dir = tempDir('mercato-bench-storefront-');
    let platform: ServerProcess | undefined;
    try {
      log('starting the platform (embedded, demo shop)…');
      platform = await startPlatform({ dataDir: dir, logLevel: 'warn' });
      const search = (await (await fetch(`${platform.url}/api/search/products?limit=50`)).json()) as { items: Array<{ handle: string }> };
      const urls = search.items.map(({ handle }) => `${platform!.url}/graphql?${new URLSearchParams({ query: PRODUCT_PAGE, variables: JSON.stringify({ handle }) })}`);
      if (urls.length < 20) throw new Error(`expected demo products, found ${urls.length}`);
      await demoShopReady(urls[0]!);
      const rows: Array<Array<string | number>> = [];
      const figures: Record<string, unknown> = { initialJsGzipKiB: round(bundle.jsGzipBytes / 1024, 1), initialCssGzipKiB: round(bundle.cssGzipBytes / 1024, 1) };
      for (const clients of [1, 8]) {
        await latencies(urls, clients, Math.max(1, options.warmup));
        const runs = [];
        for (let r = 0; r < options.rounds; r++) runs.push(await latencies(urls, clients, options.duration));
        const p50 = round(median(runs.map((s) => percentile(s, 50))), 1);
        const p95 = round(median(runs.map((s) => percentile(s, 95))), 1);
        const rps = round(median(runs.map((s) => s.length / options.duration)));
        log(`  ${clients} client(s): p50 ${p50} ms, p95 ${p95} ms, ${rps} pages/s`);
        rows.push([`${clients}`, p50, p95, rps]);
        figures[`productPage${clients}`] = { p50, p95, rps };
      }
      const report = [
        `storefront initial load: ${round(bundle.jsGzipBytes / 1024, 1)} KiB JS + ${round(bundle.cssGzipBytes / 1024, 1)} KiB CSS (gzip -9; budget ${BUDGETS.storefrontInitialJsGzipKiB} KiB JS)`,
        ...bundle.files.map((f) => `  ${f.path}: ${round(f.gzipBytes / 1024, 1)} KiB gzip (${round(f.bytes / 1024, 1)} KiB raw)`),
        `product page via /graphql (embedded; budget p95 ≤ ${BUDGETS.productPageP95Ms} ms):`,
        table(['clients', 'p50 ms', 'p95 ms', 'pages/s'], rows),
      ].join('\n');
      return { report, figures };
    } finally {
      await platform?.stop();
      removeTempDir(dir);
    }
  },
};
