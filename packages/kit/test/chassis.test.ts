import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import { startTestService, type TestService } from '@mercato/testing';
import { defineService } from '../src/service.ts';
import { parseConfig } from '../src/config/env.ts';

interface Tables {
  notes: { id: string; text: string };
}

let release: () => void = () => undefined;
let entered: () => void = () => undefined;

/** A minimal service exercising the chassis: an idempotent create and a slow route. */
const notes = defineService<Tables>({
  name: 'notes',
  description: 'Chassis test service',
  migrations: {
    '0001': { up: async (db) => void (await db.schema.createTable('notes').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('text', 'text').execute()) },
  },
  routes(app, ctx) {
    app.post(
      '/api/notes',
      { config: { access: 'authenticated', idempotent: true }, schema: { body: Type.Object({ text: Type.String() }, { additionalProperties: false }) } },
      async (request, reply) => {
        await new Promise((r) => setTimeout(r, 50));
        const id = crypto.randomUUID();
        await ctx.db.insertInto('notes').values({ id, text: request.body.text }).execute();
        return reply.code(201).send({ id });
      },
    );
    app.get('/api/slow', { config: { access: 'public' } }, async () => {
      entered();
      await new Promise<void>((resolve) => (release = resolve));
      return { done: true };
    });
    app.get('/api/boom', { config: { access: 'public' } }, async () => {
      throw new Error('secret internal detail');
    });
  },
});

describe('chassis', () => {
  let svc: TestService;
  let token: string;
  before(async () => {
    svc = await startTestService(notes);
    token = await svc.issuer.mint({ sub: 'acct_1' });
  });
  after(() => svc.stop());

  it('creates exactly one record for ten concurrent requests with one Idempotency-Key', async () => {
    const answers = await Promise.all(
      Array.from({ length: 10 }, () => svc.request('POST', '/api/notes', { token, body: { text: 'once' }, headers: { 'idempotency-key': 'k-concurrent' } })),
    );
    const count = await sql<{ n: number }>`select count(*)::int as n from notes where text = 'once'`.execute(svc.service.context.db as never);
    assert.equal(count.rows[0]!.n, 1);
    const created = answers.filter((a) => a.statusCode === 201);
    assert.ok(created.length >= 1);
    assert.ok(answers.every((a) => a.statusCode === 201 || a.statusCode === 409), answers.map((a) => a.statusCode).join(','));
    assert.equal(new Set(created.map((a) => a.json().id)).size, 1, 'every 201 carries the same id');
    const replay = await svc.request('POST', '/api/notes', { token, body: { text: 'once' }, headers: { 'idempotency-key': 'k-concurrent' } });
    assert.equal(replay.statusCode, 201);
    assert.equal(replay.headers['idempotent-replayed'], 'true');
  });

  it('lets a retry take over a key whose first request was never answered (its process died)', async () => {
    const abandoned = { scope: `acct_1 POST /api/notes`, key: 'k-abandoned', request_hash: 'x' };
    const body = { text: 'after a crash' };
    const hash = (await import('node:crypto')).createHash('sha256').update('/api/notes').update('\0').update(JSON.stringify(body)).digest('hex');
    const db = svc.service.context.db as never;
    await sql`insert into kit_idempotency (key, scope, request_hash, created_at) values (${abandoned.key}, ${abandoned.scope}, ${hash}, now() - interval '10 seconds')`.execute(db);
    const send = () => svc.request('POST', '/api/notes', { token, body, headers: { 'idempotency-key': abandoned.key } });
    assert.equal((await send()).statusCode, 409, 'ten seconds is within the default 60 s: still in progress');
    await sql`update kit_idempotency set created_at = now() - interval '61 seconds' where key = ${abandoned.key}`.execute(db);
    const retried = await send();
    assert.equal(retried.statusCode, 201, retried.body);
    const replay = await send();
    assert.equal(replay.headers['idempotent-replayed'], 'true');
    assert.equal(replay.json().id, retried.json().id);
  });

  it('keys idempotency per caller: another subject with the same key creates its own record', async () => {
    const other = await svc.issuer.mint({ sub: 'acct_2' });
    const mine = await svc.request('POST', '/api/notes', { token, body: { text: 'k2' }, headers: { 'idempotency-key': 'shared' } });
    const theirs = await svc.request('POST', '/api/notes', { token: other, body: { text: 'k2' }, headers: { 'idempotency-key': 'shared' } });
    assert.notEqual(mine.json().id, theirs.json().id);
  });

  it('answers an unexpected error with a 500 problem that reveals nothing', async () => {
    const answer = await svc.request('GET', '/api/boom');
    assert.equal(answer.statusCode, 500);
    assert.equal(answer.json().code, 'internal');
    assert.doesNotMatch(answer.body, /secret internal detail|at .*\.ts/);
  });

  it('refuses to boot a service with a route that does not declare its access rule', async () => {
    const careless = defineService({ name: 'careless', description: 'x', routes: (app) => void app.get('/api/x', async () => ({})) });
    await assert.rejects(startTestService(careless), /does not declare config.access/);
  });

  it('drains an in-flight request on graceful shutdown, and refuses new ones meanwhile', async () => {
    const slow = await startTestService(notes);
    await slow.service.app.listen({ port: 0, host: '127.0.0.1' });
    const address = slow.service.app.server.address() as { port: number };
    const handlerEntered = new Promise<void>((resolve) => (entered = resolve));
    const inFlight = fetch(`http://127.0.0.1:${address.port}/api/slow`).then((r) => r.json());
    await handlerEntered; // the request is in flight inside the handler
    const closing = slow.stop();
    await new Promise((r) => setTimeout(r, 100));
    await assert.rejects(fetch(`http://127.0.0.1:${address.port}/health/live`));
    release();
    assert.deepEqual(await inFlight, { done: true });
    await closing;
  });

  it('parses typed configuration with defaults and lists every bad variable', () => {
    const schema = Type.Object({ PORT: Type.Integer({ default: 8080 }), DEBUG: Type.Boolean({ default: false }), NAME: Type.String() });
    assert.deepEqual(parseConfig(schema, { PORT: '9000', NAME: 'x' }), { PORT: 9000, DEBUG: false, NAME: 'x' });
    assert.throws(() => parseConfig(schema, { PORT: 'abc' }), /PORT[\s\S]*NAME/);
  });
});
