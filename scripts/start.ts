/**
 * `npm start`: runs the platform. Default topology `embedded` (one process, bundled PostgreSQL under
 * ./data); `--topology processes` runs one process per service replica, with events over RabbitMQ
 * (MERCATO_AMQP_URL, or Debian's rabbitmq-server started under ./data/rabbitmq). An external
 * PostgreSQL ≥ 15 can be given with MERCATO_DATABASE_URL (an admin URL; one database per service).
 * `--balancer haproxy` (processes only) puts Debian's HAProxy in front of each service's replicas.
 */
import { randomBytes } from 'node:crypto';
import { resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { startEmbedded, startEmbeddedPostgres, startProcesses, startRabbitMq, stopOnSignals, type RunningPlatform } from '@mercato/kit';
import { topology } from '../topology.ts';
import { seedDemoShop } from './demo/shop.ts';
import { buildApps } from './lib/build-apps.ts';

const started = performance.now();
const { values } = parseArgs({
  options: {
    topology: { type: 'string', default: process.env.MERCATO_TOPOLOGY ?? 'embedded' },
    port: { type: 'string', default: process.env.PORT ?? '8080' },
    data: { type: 'string', default: process.env.MERCATO_DATA_DIR ?? './data' },
    // processes only: client-side round-robin (default) or HAProxy in front of every service's replicas
    balancer: { type: 'string', default: process.env.MERCATO_BALANCER ?? 'client' },
  },
});
const port = Number(values.port);
const dataDir = resolve(values.data!);
// Services that keep files (the mail of notifications in embedded mode) find them under the data dir.
process.env.MERCATO_DATA_DIR = dataDir;
const pgPort = Number(process.env.MERCATO_PG_PORT ?? 54320);
const logLevel = (process.env.MERCATO_LOG_LEVEL ?? 'info') as 'info';

// Known here so that the first start can set up the demo shop as the admin (identity uses it only
// when it seeds, i.e. on the first start).
const adminPassword = (process.env.MERCATO_ADMIN_PASSWORD ??= randomBytes(12).toString('base64url'));

// The storefront and the admin, served by the gateway: built on the first start and after a change.
await buildApps({ quiet: true });

const external = process.env.MERCATO_DATABASE_URL;
const postgres = external ? { url: external, stop: async () => undefined } : await startEmbeddedPostgres(resolve(dataDir, 'postgres'), pgPort);

let platform: RunningPlatform;
let broker: { stop(): Promise<void> } | undefined;
if (values.topology === 'processes') {
  // Events travel through RabbitMQ here: the one given, or a broker of our own under the data dir.
  let amqpUrl = process.env.MERCATO_AMQP_URL;
  if (!amqpUrl) {
    const started = await startRabbitMq(resolve(dataDir, 'rabbitmq'), Number(process.env.MERCATO_AMQP_PORT ?? 56720));
    broker = started;
    amqpUrl = started.url;
  }
  if (values.balancer !== 'client' && values.balancer !== 'haproxy') throw new Error(`unknown balancer ${values.balancer}: use client or haproxy`);
  platform = await startProcesses({
    amqpUrl,
    balancer: values.balancer,
    topology,
    topologyModule: resolve(import.meta.dirname, '../topology.ts'),
    serverUrl: postgres.url,
    port,
    seed: true,
    logLevel,
    baseEnv: process.env,
  });
} else if (values.topology === 'embedded') {
  platform = await startEmbedded({ topology, serverUrl: postgres.url, port, host: process.env.HOST ?? '127.0.0.1', seed: true, logLevel, env: { ...process.env } });
} else {
  throw new Error(`unknown topology ${values.topology}: use embedded or processes`);
}

// A first start seeded the services: make the demo catalog sellable through the API.
const firstStart = platform.seedMessages.length > 0 && topology.services.pricing !== undefined;
const demoShop = firstStart ? [await seedDemoShop(platform.url, { email: 'admin@mercato.local', password: adminPassword })] : [];

const seconds = ((performance.now() - started) / 1000).toFixed(1);
const url = platform.url.replace('127.0.0.1', 'localhost');
console.log(
  [
    '',
    `Mercato is ready (${values.topology}, ${seconds} s): ${url}`,
    `  API docs:  ${url}/docs`,
    `  Products:  ${url}/api/catalog/products`,
    ...[...platform.seedMessages, ...demoShop].map((m) => `  ${m}`),
    '',
  ].join('\n'),
);

// The launcher stops PostgreSQL (and the broker) last, after the platform drained.
stopOnSignals(async () => {
  await platform.close();
  await broker?.stop();
  await postgres.stop();
});
