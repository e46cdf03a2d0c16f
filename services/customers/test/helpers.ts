import { randomUUID } from 'node:crypto';
import { accountRegistered, type EventContract } from '@mercato/contracts';
import { newId, type CloudEvent } from '@mercato/kit';
import { startTestService, type TestService } from '@mercato/testing';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { sql, type Kysely } from 'kysely';
import customers from '../src/main.ts';

/** Starts the customers service on a fresh database. */
export function startCustomers(): Promise<TestService> {
  return startTestService(customers);
}

/** A fresh account id, as identity would mint it. */
export const newAccountId = () => newId('acct');

/** `mercato.identity.account.registered.v1` as identity publishes it (first event of its account). */
export function registeredEvent(account: { id: string; email: string; name: string }): CloudEvent {
  return {
    specversion: '1.0',
    id: randomUUID(),
    source: '/mercato/identity',
    type: accountRegistered.type,
    subject: account.id,
    time: new Date().toISOString(),
    datacontenttype: 'application/json',
    sequence: 1,
    data: { ...account, roles: ['customer'], createdAt: new Date().toISOString() },
  };
}

/** Delivers identity events to the service through its bus, as the relay would. */
export async function deliver(svc: TestService, ...events: CloudEvent[]): Promise<void> {
  await svc.bus.publish(events);
}

/** What the service has published so far (its outbox, in commit order), optionally of one type. */
export async function published(svc: TestService, type?: string): Promise<CloudEvent<any>[]> {
  const db = svc.service.context.db as Kysely<any>;
  const { rows } = await sql<{ envelope: CloudEvent }>`select envelope from kit_outbox order by position`.execute(db);
  return rows.map((r) => r.envelope).filter((e) => !type || e.type === type);
}

/** Fails unless every event's data satisfies its contract. */
export function assertContract(contract: EventContract, events: readonly CloudEvent[]): void {
  const check = TypeCompiler.Compile(contract.schema);
  for (const event of events) {
    if (event.type !== contract.type) throw new Error(`${event.type} is not ${contract.type}`);
    if (!check.Check(event.data)) throw new Error(`${event.type} breaks its contract: ${JSON.stringify([...check.Errors(event.data)].slice(0, 3))}`);
  }
}

/** A token for a person with the given account id and roles. */
export function personToken(svc: TestService, sub: string, roles: string[] = ['customer']): Promise<string> {
  return svc.issuer.mint({ sub, roles });
}

/** A shipping address body. */
export const address = (extra: Record<string, unknown> = {}) => ({
  kind: 'shipping',
  name: 'Ada Lovelace',
  line1: 'Unter den Linden 1',
  postalCode: '10117',
  city: 'Berlin',
  country: 'DE',
  ...extra,
});
