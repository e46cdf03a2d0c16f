/**
 * The pricing service alone, as one replica would run, on a bundled PostgreSQL filled with a
 * realistic catalogue of prices, for `npm run bench -- pricing`. Usage:
 * `node --import tsx bench/scenarios/pricing-server.ts <data dir> <port> <pg port> <skus>`.
 * Writes `<data dir>/context.json` (tokens, SKU naming) before it starts listening.
 */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  databaseUrl,
  defineTopology,
  ensureDatabase,
  InProcessBus,
  InProcessTransport,
  startEmbeddedPostgres,
  startService,
} from '@mercato/kit';
import { TestIssuer } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import { indexSyncFor } from '../../services/pricing/src/index/index-sync.ts';
import pricing from '../../services/pricing/src/main.ts';

const [dataDir, port, pgPort, skuCount] = process.argv.slice(2);
const SKUS = Number(skuCount ?? 100_000);
const PUBLIC_URL = 'http://mercato.bench';

const postgres = await startEmbeddedPostgres(join(dataDir!, 'postgres'), Number(pgPort));
await ensureDatabase(postgres.url, 'mercato_pricing');
const issuer = await TestIssuer.create(PUBLIC_URL);
const service = await startService(
  { ...pricing, jwks: () => async () => issuer.jwks },
  {
    topology: defineTopology({ services: { pricing: { load: async () => ({ default: pricing }), calls: [] } } }),
    transport: new InProcessTransport(),
    bus: new InProcessBus(() => undefined),
    publicUrl: PUBLIC_URL,
    databaseUrl: databaseUrl(postgres.url, 'mercato_pricing'),
    logLevel: (process.env.MERCATO_LOG_LEVEL ?? 'info') as 'info',
    env: {},
  },
);
await service.startEvents({ catchUp: false });

// Seeded with set-based SQL (the HTTP bulk route would take minutes for 300k prices and is not what is measured).
const db = service.context.db as Kysely<any>;
const started = performance.now();
await sql`
  insert into currencies (code, minor_units, tax_mode) values ('EUR', 2, 'gross');
  insert into skus (sku, product_id, weight_grams)
    select 'SKU-' || lpad(n::text, 6, '0'), 'prod_' || (n / 4), 250 from generate_series(1, ${sql.lit(SKUS)}) n;
  insert into price_lists (id, code, name, kind, currency, group_code, company_id) values
    ('plist_base', 'base-eur', 'List prices', 'base', 'EUR', null, null),
    ('plist_wholesale', 'wholesale-eur', 'Wholesale', 'group', 'EUR', 'wholesale', null),
    ('plist_acme', 'acme-contract', 'ACME contract', 'contract', 'EUR', null, 'comp_acme');
  insert into prices (sku, list_id, min_quantity, amount)
    select 'SKU-' || lpad(n::text, 6, '0'), l.id, 1, 1000 + (n * 7919 + l.k * 104729) % 9000
    from generate_series(1, ${sql.lit(SKUS)}) n
    cross join (values ('plist_base', 1), ('plist_wholesale', 2), ('plist_acme', 3)) as l(id, k);
  -- Every tenth SKU has two volume tiers in the base list.
  insert into prices (sku, list_id, min_quantity, amount)
    select 'SKU-' || lpad(n::text, 6, '0'), 'plist_base', t.q, 900 - t.q
    from generate_series(10, ${sql.lit(SKUS)}, 10) n cross join (values (10), (50)) as t(q);
  insert into customers (customer_id, account_id, company_id, effective_groups, version)
    values ('cust_bench', 'acct_bench', 'comp_acme', '{wholesale}', 1);
  analyze;
`.execute(db);
const { rows } = await sql<{ n: string }>`select count(*) as n from prices`.execute(db);
// The seed bypassed the change log: the replica's index loads it in full.
await indexSyncFor(db as never, service.context.log).reload();
console.log(`seeded ${SKUS} SKUs, ${rows[0]!.n} price rows in ${Math.round(performance.now() - started)} ms`);

const buyerToken = await issuer.mint({ sub: 'acct_bench', roles: ['customer'], expiresIn: 24 * 3600 });
writeFileSync(join(dataDir!, 'context.json'), JSON.stringify({ skus: SKUS, priceRows: Number(rows[0]!.n), buyerToken }));
await service.app.listen({ port: Number(port), host: '127.0.0.1' });

for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.once(signal, () => {
    void service
      .close()
      .then(() => postgres.stop())
      .finally(() => process.exit(0));
  });
}
