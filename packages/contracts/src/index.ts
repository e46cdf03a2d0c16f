/** Contracts between services: event types with their schemas (and, later, typed API clients). */
export { defineEvent, type EventContract, type EventData } from './event-contract.ts';
export { catalogEvents, productDeleted, productUpserted, ProductState } from './catalog/events.ts';
