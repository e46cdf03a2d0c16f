/** The Mercato service chassis: a service is a small definition; the kit does the rest. */
export { defineService, type ServiceApp, type ServiceContext, type ServiceDefinition } from './service.ts';
export { defineTopology, callAllowed, type Topology, type TopologyEntry } from './topology/topology.ts';
export { parseConfig, type Env } from './config/env.ts';
export {
  defineErrors,
  fieldProblem,
  kitErrors,
  problem,
  ProblemError,
  PROBLEM_CONTENT_TYPE,
  type FieldError,
  type ProblemSpec,
  type ProblemBody,
} from './http/problem.ts';
export { type Access, type Principal, satisfies } from './auth/principal.ts';
export { TokenVerifier, API_AUDIENCE, ACCEPTED_ALGORITHMS, InvalidTokenError } from './auth/verifier.ts';
export { ServiceClient, CALLER_HEADER, type CallOptions } from './client/service-client.ts';
export type { Transport, InboundResponse, OutboundRequest, ReplicaState } from './client/transport.ts';
export { InProcessTransport } from './client/in-process-transport.ts';
export { HttpTransport } from './client/http-transport.ts';
export { openDatabase, ensureDatabase, databaseUrl, pingDatabase } from './db/database.ts';
export { migrate, type Migrations } from './db/migrate.ts';
export { startService, type RunningService, type StartOptions } from './runtime/start-service.ts';
export { startEmbedded, type EmbeddedOptions, type EmbeddedPlatform, type RunningPlatform } from './runtime/embedded.ts';
export { startProcesses, type ProcessesOptions, type ProcessesPlatform, type ReplicaProcess } from './runtime/processes.ts';
export { startEmbeddedPostgres, type PostgresServer } from './runtime/postgres-server.ts';
export { freePort, waitForHttp } from './runtime/ports.ts';
export { installTracing, memorySpans, activeTraceIds } from './telemetry/tracing.ts';
export { createLogger } from './telemetry/logger.ts';
export { encodeCursor, decodeCursor } from './http/cursor.ts';
export { etag, expectedVersion, IfMatchHeaders, staleVersion } from './http/concurrency.ts';
export { newId } from './ids.ts';
export { isUniqueViolation, mapConstraint } from './db/constraints.ts';
export type { CloudEvent, NewEvent } from './events/envelope.ts';
export type { EventBus, ConsumerOptions, DeadLetter, QueueDepth, Subscription, EventHandler, ListenOptions, EventListenerHandler } from './events/bus.ts';
export { EventPublisher, EventContractError, type PublishedEvent } from './events/publisher.ts';
export { onEvent, type EventSubscription } from './events/subscription.ts';
export { InProcessBus } from './events/in-process-bus.ts';
export { DeadLetterStore } from './events/dead-letter-store.ts';
export { applyOnce, type InboxOutcome } from './events/inbox.ts';
export { OutboxRelay } from './events/relay.ts';
export { catchUpFromFeed } from './events/feed-catch-up.ts';
export { AmqpBus, type AmqpBusOptions } from './events/amqp-bus.ts';
export { startRabbitMq, rabbitmqctl, type RabbitMqServer } from './runtime/rabbitmq-server.ts';
export { stopOnSignals } from './runtime/shutdown.ts';
export { formatMoney, minorDigits } from './money/format-money.ts';
