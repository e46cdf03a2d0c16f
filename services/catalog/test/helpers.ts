import assert from 'node:assert/strict';
import type { EventContract } from '@mercato/contracts';
import type { CloudEvent } from '@mercato/kit';
import { startTestService, type TestService } from '@mercato/testing';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { sql, type Kysely } from 'kysely';
import type { LightMyRequestResponse } from 'fastify';
import catalog from '../src/main.ts';

/** A catalog on a fresh database, with a staff and a customer token. */
export interface Catalog {
  svc: TestService;
  staff: string;
  customer: string;
}

export async function startCatalog(options: { seed?: boolean } = {}): Promise<Catalog> {
  const svc = await startTestService(catalog, options);
  const staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['catalog-manager'] });
  const customer = await svc.issuer.mint({ sub: 'acct_cust', roles: ['customer'] });
  return { svc, staff, customer };
}

/** The events in the catalog's outbox, oldest first, optionally of one type and/or subject. */
export async function outbox(svc: TestService, filter: { type?: string; subject?: string } = {}): Promise<CloudEvent<any>[]> {
  const db = svc.service.context.db as Kysely<any>;
  const { rows } = await sql<{ envelope: CloudEvent }>`
    select envelope from kit_outbox
    where (${filter.type ?? null}::text is null or type = ${filter.type ?? null})
      and (${filter.subject ?? null}::text is null or subject = ${filter.subject ?? null})
    order by position`.execute(db);
  return rows.map((r) => r.envelope);
}

/** How many events the outbox holds (to prove a refused write published nothing). */
export async function outboxSize(svc: TestService): Promise<number> {
  return (await outbox(svc)).length;
}

/** Asserts that an event's data fits its contract. */
export function assertFitsContract(event: CloudEvent<unknown>, contract: EventContract): void {
  assert.equal(event.type, contract.type);
  const check = TypeCompiler.Compile(contract.schema);
  assert.ok(check.Check(event.data), JSON.stringify([...check.Errors(event.data)].map((e) => `${e.path}: ${e.message}`)));
}

/** Asserts a problem+json answer with this status and code; returns its body. */
export function assertProblem(response: LightMyRequestResponse, status: number, code: string): any {
  assert.equal(response.statusCode, status, response.body);
  assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
  const body = response.json();
  assert.equal(body.code, code, response.body);
  return body;
}

/** The fields a problem's `errors` extension names. */
export function fieldsOf(problem: { errors?: Array<{ field: string }> }): string[] {
  return (problem.errors ?? []).map((e) => e.field);
}
