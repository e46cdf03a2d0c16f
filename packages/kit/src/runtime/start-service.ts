import type { JSONWebKeySet } from 'jose';
import type { Kysely } from 'kysely';
import type { DestinationStream, LevelWithSilent } from 'pino';
import { sql } from 'kysely';
import { TokenVerifier } from '../auth/verifier.ts';
import type { Env } from '../config/env.ts';
import { ServiceClient } from '../client/service-client.ts';
import type { Transport } from '../client/transport.ts';
import { openDatabase, pingDatabase } from '../db/database.ts';
import { addConsistencyHeader } from '../db/consistency-header.ts';
import { primaryReader, replicaReader, type DatabaseReader } from '../db/reader.ts';
import { kitMigrations, type KitTables } from '../db/kit-migrations.ts';
import { migrate } from '../db/migrate.ts';
import { buildServiceApp } from '../http/build-app.ts';
import { sweepIdempotency } from '../http/idempotency.ts';
import type { EventBus } from '../events/bus.ts';
import { eventRoutes } from '../events/event-routes.ts';
import { sweepInbox } from '../events/inbox.ts';
import { EventPublisher } from '../events/publisher.ts';
import { EventListeners } from '../events/event-listeners.ts';
import { ServiceEvents } from '../events/service-events.ts';
import type { ServiceApp, ServiceContext, ServiceDefinition } from '../service.ts';
import { createLogger } from '../telemetry/logger.ts';
import { createMetrics } from '../telemetry/metrics.ts';
import type { Topology } from '../topology/topology.ts';

/** How the runtime starts one service instance. */
export interface StartOptions {
  topology: Topology;
  transport: Transport;
  publicUrl: string;
  /** The service's own database URL (required when the service declares migrations). */
  databaseUrl?: string;
  /** A read replica of that database: reads through `ctx.reader` go there while it keeps up. */
  readDatabaseUrl?: string;
  env?: Env;
  logLevel?: LevelWithSilent;
  /** Seed demo data if this database has never been seeded. */
  seed?: boolean;
  poolSize?: number;
  /** The event bus (required for services that publish or consume events). */
  bus?: EventBus;
  /** Where log lines go (default stdout). */
  logDestination?: DestinationStream;
}

/** A started service instance. */
export interface RunningService {
  name: string;
  app: ServiceApp;
  context: ServiceContext<unknown>;
  /** The service's own database URL, if it has one. */
  databaseUrl: string | undefined;
  /** The service's event machinery, when it publishes or consumes. */
  events: ServiceEvents | undefined;
  /**
   * Starts relaying the outbox and catches up from producers' feeds. The launcher calls it once
   * every service has subscribed, so no consumer misses an event published at start.
   */
  startEvents(options?: { catchUp?: boolean }): Promise<void>;
  /** What the seed printed, if it ran. */
  seedMessage: string | undefined;
  /** Graceful shutdown: stop accepting, drain in-flight requests, run cleanups, close the database. */
  close(): Promise<void>;
}

/** Starts a service: database and migrations, chassis, routes; the caller decides how to expose it. */
export async function startService(definition: ServiceDefinition<any>, options: StartOptions): Promise<RunningService> {
  const { name } = definition;
  const log = createLogger(name, options.logLevel ?? 'info', options.logDestination);
  const cleanups: Array<() => Promise<void> | void> = [];
  let db: Kysely<KitTables> | undefined;
  if (definition.migrations) {
    if (!options.databaseUrl) throw new Error(`${name}: a database URL is required`);
    db = openDatabase<KitTables>(options.databaseUrl, { max: options.poolSize ?? 10 });
    await migrate(db, kitMigrations, 'kit_migrations');
    await migrate(db, definition.migrations, 'migrations');
  }

  const clients = new Map<string, ServiceClient>();
  const client = (target: string): ServiceClient => {
    let existing = clients.get(target);
    if (!existing) clients.set(target, (existing = new ServiceClient(name, target, options.transport, options.topology)));
    return existing;
  };
  const context = {
    name,
    db: db as Kysely<any>,
    log,
    env: options.env ?? {},
    publicUrl: options.publicUrl,
    calls: options.topology.services[name]?.calls ?? [],
    client,
    onClose: (fn: () => Promise<void> | void) => cleanups.push(fn),
  } as unknown as ServiceContext<unknown>;
  const jwks = definition.jwks?.(context) ?? (() => client('identity').json<JSONWebKeySet>('/oidc/jwks'));
  context.verifier = new TokenVerifier(jwks, options.publicUrl);
  const publisher = new EventPublisher(name, definition.publishes ?? []);
  const listeners = new EventListeners();
  context.events = {
    publish: (tx, event) => publisher.publish(tx, event),
    publishMany: (tx, events) => publisher.publishMany(tx, events),
    listen: (contracts, handler, listenOptions) => listeners.add(contracts, handler, listenOptions?.onGap),
  };

  const metrics = createMetrics(name);
  let reader: DatabaseReader<unknown> | undefined;
  if (db) {
    reader = options.readDatabaseUrl
      ? await replicaReader<any>(db, options.readDatabaseUrl, options.env ?? {}, { poolSize: options.poolSize, registry: metrics.registry })
      : primaryReader<any>(db);
    context.reader = reader as never;
    cleanups.push(() => reader!.close());
  }
  const app = await buildServiceApp({
    name,
    description: definition.description,
    log,
    metrics,
    verifier: context.verifier,
    topology: options.topology,
    db,
    bodyLimit: definition.http?.bodyLimit,
    trustProxy: definition.http?.trustProxy,
    edge: definition.edge,
    readiness: () => ({
      ...(db ? { database: () => pingDatabase(db!) } : {}),
      ...(options.readDatabaseUrl && reader ? { replica: async () => replicaNote(reader!) } : {}),
      ...definition.readiness?.(context),
    }),
  });
  if (options.readDatabaseUrl && reader) addConsistencyHeader(app, reader);
  await definition.routes(app, context);
  let events: ServiceEvents | undefined;
  if (db && (definition.publishes?.length || definition.consumes?.length)) {
    if (!options.bus) throw new Error(`${name}: an event bus is required`);
    events = new ServiceEvents(context, db, options.bus, options.databaseUrl!, Boolean(definition.publishes?.length), definition.consumes ?? [], metrics.registry);
    eventRoutes(app, name, db, options.bus, events, Boolean(definition.publishes?.length));
    await events.subscribe(definition.delivery);
  }
  if (listeners.types.length > 0) {
    if (options.bus) cleanups.push(await listeners.subscribe(name, options.bus, log));
    else log.warn({ types: listeners.types }, 'no event bus: the listeners of this service hear nothing');
  }
  await app.ready();

  if (db) {
    const sweep = () => Promise.all([sweepIdempotency(db!), sweepInbox(db!)]);
    const sweeper = setInterval(() => void sweep().catch((err) => log.warn({ err }, 'kit sweep failed')), 10 * 60_000);
    sweeper.unref();
    cleanups.push(() => clearInterval(sweeper));
  }

  const seedMessage = options.seed && db && definition.seed ? await seedOnce(db, () => definition.seed!(context)) : undefined;
  await definition.start?.(context);

  return {
    name,
    app,
    context,
    seedMessage,
    databaseUrl: options.databaseUrl,
    events,
    async startEvents({ catchUp = true } = {}) {
      if (catchUp) await events?.catchUp();
      events?.relay?.start();
    },
    async close() {
      await app.close();
      await events?.stop();
      for (const fn of cleanups.reverse()) await fn();
      await db?.destroy();
    },
  };
}

/** Runs the seed once per database, even when several replicas start together (advisory lock). */
async function seedOnce(db: Kysely<KitTables>, seed: () => Promise<string | void>): Promise<string | undefined> {
  return db.connection().execute(async (conn) => {
    await sql`select pg_advisory_lock(hashtext('mercato.seed'))`.execute(conn);
    try {
      const done = await conn.selectFrom('kit_meta').select('value').where('key', '=', 'seeded_at').executeTakeFirst();
      if (done) return undefined;
      const message = await seed();
      await conn.insertInto('kit_meta').values({ key: 'seeded_at', value: new Date().toISOString() }).execute();
      return message ?? undefined;
    } finally {
      await sql`select pg_advisory_unlock(hashtext('mercato.seed'))`.execute(conn);
    }
  });
}

/** The replica never makes a service unready (reads fall back to the primary); readiness says which is used. */
function replicaNote(reader: DatabaseReader<unknown>): string {
  const status = reader.replica();
  return status.fresh ? `reading from replica (lag ${status.lagSeconds?.toFixed(1)} s)` : `reading from primary: replica ${status.reason}`;
}
