import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { FastifyBaseLogger, FastifyInstance, RawReplyDefaultExpression, RawRequestDefaultExpression, RawServerDefault } from 'fastify';
import type { Kysely } from 'kysely';
import type { Logger } from 'pino';
import type { JSONWebKeySet } from 'jose';
import type { Env } from './config/env.ts';
import type { ServiceClient } from './client/service-client.ts';
import type { Migrations } from './db/migrate.ts';
import type { DatabaseReader } from './db/reader.ts';
import type { TokenVerifier } from './auth/verifier.ts';
import type { NewEvent, CloudEvent } from './events/envelope.ts';
import type { PublishedEvent } from './events/publisher.ts';
import type { EventSubscription } from './events/subscription.ts';
import type { Transaction } from 'kysely';

/** The Fastify instance a service declares its routes on (TypeBox-typed). */
export type ServiceApp = FastifyInstance<
  RawServerDefault,
  RawRequestDefaultExpression,
  RawReplyDefaultExpression,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

/** What the runtime hands a service: it never needs to know which topology it runs in. */
export interface ServiceContext<DB = unknown> {
  name: string;
  /** The service's own database (only for services that declare one). */
  db: Kysely<DB>;
  /**
   * Where reads may go (list queries, read models): `await ctx.reader.db({ request })` is the read
   * replica when one is configured and fresh enough (and has replayed the request's
   * `Consistency-Token`), else the primary. Only for services with a database.
   */
  reader: DatabaseReader<DB>;
  log: Logger;
  env: Env;
  /** The public origin (gateway), also the OIDC issuer. */
  publicUrl: string;
  verifier: TokenVerifier;
  /** A client to another service; refused at call time if the topology does not allow it. */
  client(target: string): ServiceClient;
  /** The services the topology lets this one call. */
  calls: readonly string[];
  /** Publishes an event through the outbox, inside the transaction that changes the state. */
  events: {
    publish<T>(tx: Transaction<DB>, event: NewEvent<T>): Promise<CloudEvent<T>>;
    /** Publishes many events in two statements (bulk writes such as imports). */
    publishMany<T>(tx: Transaction<DB>, events: readonly NewEvent<T>[]): Promise<CloudEvent<T>[]>;
    /**
     * Hears events without an inbox (services without a database may use it): every running
     * replica gets each event of `events` published while it is up, at most once, in no promised
     * order, and nothing it missed while down. For idempotent reactions that need no transaction,
     * such as dropping cache entries; `onGap` runs when deliveries may have been lost (the broker
     * connection came back). Call it while declaring routes; hearing starts with the service.
     */
    listen(events: readonly PublishedEvent[], handler: (event: CloudEvent) => void | Promise<void>, options?: { onGap?: () => void }): void;
  };
  /** Registers cleanup run at graceful shutdown, after HTTP has drained. */
  onClose(fn: () => Promise<void> | void): void;
}

/** A service: its name, its data and its routes. The kit does the rest. */
export interface ServiceDefinition<DB = unknown> {
  name: string;
  /** One line for the API docs. */
  description: string;
  /** Migrations of the service's own database; omit for services without one. */
  migrations?: Migrations;
  /** Declares routes; every route must say who may call it (`config.access`). */
  routes(app: ServiceApp, ctx: ServiceContext<DB>): void | Promise<void>;
  /** Event contracts this service publishes (from `@mercato/contracts`): enables the outbox, relay and feed. */
  publishes?: readonly PublishedEvent[];
  /** Events this service consumes, applied effectively-once and in order per subject. */
  consumes?: readonly EventSubscription<DB>[];
  /** How events are delivered to this service: prefetch, attempts before dead-lettering, retry delay. */
  delivery?: { prefetch?: number; maxAttempts?: number; retryBaseDelayMs?: number };
  /** Demo data for a new installation; runs once per database. Returns a line for the console. */
  seed?(ctx: ServiceContext<DB>): Promise<string | void>;
  /** Where this service's token verifier gets keys (default: identity's JWKS through the transport). */
  jwks?(ctx: ServiceContext<DB>): () => Promise<JSONWebKeySet>;
  /** Extra readiness checks besides the database; each throws when not ready. */
  readiness?(ctx: ServiceContext<DB>): Record<string, () => Promise<void | string>>;
  /** Runs after the HTTP app is ready (background work, warm-up). */
  start?(ctx: ServiceContext<DB>): Promise<void>;
  /** Fastify options the service needs to change (e.g. a larger body limit). */
  http?: { bodyLimit?: number; trustProxy?: boolean };
  /** The public edge (gateway): serves the merged OpenAPI document instead of its own. */
  edge?: boolean;
  /**
   * Hears events without a database (`ctx.events.listen`, e.g. the gateway's cache invalidation):
   * deployments give it the broker like a consumer.
   */
  listens?: boolean;
}

/** Declares a service (identity function that fixes the type parameter). */
export function defineService<DB>(definition: ServiceDefinition<DB>): ServiceDefinition<DB> {
  return definition;
}
