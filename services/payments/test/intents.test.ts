import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { paymentAuthorized, paymentFailed } from '@mercato/contracts';
import { Value } from '@sinclair/typebox/value';
import { sql } from 'kysely';
import { pino } from 'pino';
import { assertProblem, CARDS, created, ok, outboxEvents, startPayments, type PaymentsRig } from './helpers.ts';

describe('payment intents', () => {
  let rig: PaymentsRig;
  before(async () => {
    rig = await startPayments();
  });
  after(() => rig.stop());

  it('authorizes an approved card: 201, the hold in the ledger, an authorized event in the contract shape', async () => {
    const response = await rig.createIntent({ amount: 4990, orderId: 'ord_approve' });
    assert.equal(response.statusCode, 201, response.body);
    const intent = response.json();
    assert.match(intent.id, /^pay_[0-9a-f]{32}$/);
    assert.equal(response.headers.location, `/api/payments/intents/${intent.id}`);
    assert.deepEqual(
      { status: intent.status, amount: intent.amount, currency: intent.currency, capturedAmount: intent.capturedAmount, refundedAmount: intent.refundedAmount },
      { status: 'authorized', amount: 4990, currency: 'EUR', capturedAmount: 0, refundedAmount: 0 },
    );
    assert.deepEqual(intent.card, { brand: 'visa', last4: '4242' });
    assert.equal(intent.failure, null);
    assert.deepEqual(intent.refunds, []);
    assert.equal(intent.version, 2, 'created, then authorized');

    const [event, ...more] = await outboxEvents(rig, paymentAuthorized.type, intent.id);
    assert.equal(more.length, 0);
    assert.ok(Value.Check(paymentAuthorized.schema, event!.data), JSON.stringify([...Value.Errors(paymentAuthorized.schema, event!.data)]));
    const { refunds: _refunds, ...state } = intent;
    assert.deepEqual(event!.data, state);

    const ledger = await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_approve');
    assert.deepEqual(
      ledger.items.map((e: any) => [e.kind, e.debitAccount, e.creditAccount, e.amount, e.intentId]),
      [['authorization', 'authorization-holds', 'customer-cards', 4990, intent.id]],
    );
    assert.equal(rig.provider.payment(intent.id)?.status, 'authorized');
    assert.deepEqual(await ok(rig, 'GET', `/api/payments/intents/${intent.id}`, { token: rig.reader }), intent);
  });

  it('records a declined card as a declined intent (201 with the failure), a failed event and no hold', async () => {
    const intent = await created(rig, { card: { number: CARDS.decline }, orderId: 'ord_decline' });
    assert.equal(intent.status, 'declined');
    assert.deepEqual(intent.failure, { code: 'card-declined', message: 'The card was declined' });
    const [event] = await outboxEvents(rig, paymentFailed.type, intent.id);
    assert.ok(event && Value.Check(paymentFailed.schema, event.data));
    assert.equal(event.data.status, 'declined');
    assert.deepEqual((await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_decline')).items, []);
    assert.equal((await outboxEvents(rig, paymentAuthorized.type, intent.id)).length, 0);
  });

  it('refuses bad input with a problem naming the field, creating nothing', async () => {
    const count = async () => Number((await sql<{ n: string }>`select count(*) as n from payment_intents`.execute(rig.db)).rows[0]!.n);
    const before = await count();
    const unknown = assertProblem(await rig.createIntent({ card: { number: '4111111111111111' } }), 422, 'unsupported-card');
    assert.equal(unknown.errors[0].pointer, 'body/card/number');
    assert.ok(!JSON.stringify(unknown).includes('4111111111111111'), 'the problem does not echo the number');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ amount: 0 }, 'body/amount'],
      [{ amount: -100 }, 'body/amount'],
      [{ amount: 10.5 }, 'body/amount'],
      [{ currency: 'euro' }, 'body/currency'],
      [{ card: { number: 'abc' } }, 'body/card/number'],
      [{ reference: '' }, 'body/reference'],
    ];
    for (const [overrides, pointer] of cases) {
      const problem = assertProblem(await rig.createIntent(overrides), 400, 'validation-failed');
      assert.ok(problem.errors.some((e: { pointer: string }) => e.pointer === pointer), `${JSON.stringify(overrides)} → ${JSON.stringify(problem.errors)}`);
    }
    assert.equal(await count(), before);
    assertProblem(await rig.request('GET', '/api/payments/intents/pay_nope', { token: rig.writer }), 404, 'intent-not-found');
  });

  it('keeps one intent per reference: a second create answers the first with 200, other details are a 409', async () => {
    const body = { reference: 'chk_once', orderId: 'ord_once', amount: 1200 };
    const first = await rig.createIntent(body);
    assert.equal(first.statusCode, 201);
    const second = await rig.createIntent(body);
    assert.equal(second.statusCode, 200, second.body);
    assert.deepEqual(second.json(), first.json());
    assertProblem(await rig.createIntent({ ...body, amount: 1300 }), 409, 'reference-in-use');
    assert.equal(rig.provider.payment(first.json().id)!.authorizations, 1);
  });

  it('authorizes exactly once when 10 creates for one reference race', async () => {
    const before = rig.provider.performed.authorize;
    const body = { reference: 'chk_race', orderId: 'ord_race', amount: 777 };
    const answers = await Promise.all(Array.from({ length: 10 }, () => rig.createIntent(body)));
    const statuses = answers.map((a) => a.statusCode).sort();
    assert.deepEqual(statuses, [200, 200, 200, 200, 200, 200, 200, 200, 200, 201]);
    const ids = new Set(answers.map((a) => a.json().id));
    assert.equal(ids.size, 1);
    assert.ok(answers.every((a) => a.json().status === 'authorized'), 'the waiters answer the authorized intent');
    const [id] = [...ids] as string[];
    assert.equal(rig.provider.performed.authorize - before, 1, 'one authorization at the provider');
    assert.equal(rig.provider.payment(id!)!.authorizations, 1);
    assert.equal((await outboxEvents(rig, paymentAuthorized.type, id)).length, 1);
    const ledger = await ok(rig, 'GET', '/api/payments/ledger?orderId=ord_race');
    assert.equal(ledger.items.length, 1);
  });

  it('replays a create with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'checkout-9-authorize' };
    const body = { reference: 'chk_idem', orderId: 'ord_idem' };
    const first = await rig.createIntent(body, headers);
    const again = await rig.createIntent(body, headers);
    assert.equal(first.statusCode, 201);
    assert.equal(again.statusCode, 201);
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
  });

  it('lists intents by reference and by order, newest first, in pages', async () => {
    await created(rig, { reference: 'chk_list_1', orderId: 'ord_list' });
    await created(rig, { reference: 'chk_list_2', orderId: 'ord_list', card: { number: CARDS.decline } });
    const byOrder = await ok(rig, 'GET', '/api/payments/intents?orderId=ord_list&limit=1', { token: rig.reader });
    assert.equal(byOrder.items.length, 1);
    assert.equal(byOrder.items[0].reference, 'chk_list_2');
    const next = await ok(rig, 'GET', `/api/payments/intents?orderId=ord_list&limit=1&cursor=${byOrder.nextCursor}`, { token: rig.reader });
    assert.deepEqual(next.items.map((i: any) => i.reference), ['chk_list_1']);
    assert.equal(next.nextCursor, null);
    const byReference = await ok(rig, 'GET', '/api/payments/intents?reference=chk_list_1', { token: rig.reader });
    assert.deepEqual(byReference.items.map((i: any) => i.orderId), ['ord_list']);
  });

  it('never stores, publishes or logs a card number: only brand and last four digits', async () => {
    const log = rig.payments.ctx.log;
    const lines: string[] = [];
    const level = log.level;
    // The harness logs nowhere: point the service's logger at a collector, at every level, for this test.
    const stream = (log as any)[pino.symbols.streamSym];
    (log as any)[pino.symbols.streamSym] = { write: (line: string) => void lines.push(line) };
    log.level = 'trace';
    try {
      for (const number of Object.values(CARDS)) await rig.createIntent({ card: { number, cvc: '987' } });
      await rig.createIntent({ card: { number: '4111111111111111' } });
    } finally {
      log.level = level;
      (log as any)[pino.symbols.streamSym] = stream;
    }
    assert.ok(lines.filter((line) => line.includes('request completed')).length >= 6, 'the requests were logged');
    for (const number of [...Object.values(CARDS), '4111111111111111']) assert.ok(!lines.join('').includes(number), `the log contains ${number}`);
    const tables = await sql<{ tablename: string }>`select tablename from pg_tables where schemaname = 'public'`.execute(rig.db);
    assert.ok(tables.rows.some((t) => t.tablename === 'kit_outbox'));
    for (const { tablename } of tables.rows) {
      const { rows } = await sql<{ dump: string | null }>`select string_agg(t::text, ' ') as dump from ${sql.table(tablename)} t`.execute(rig.db);
      for (const number of Object.values(CARDS)) assert.ok(!(rows[0]!.dump ?? '').includes(number), `${tablename} contains a card number`);
    }
  });
});
