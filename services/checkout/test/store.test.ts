import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { newId } from '@mercato/kit';
import { startTestService, type TestService } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import checkout from '../src/main.ts';
import type { SagaData } from '../src/domain/checkout.ts';
import { claimAbandoned, insertCheckout, saveProgress } from '../src/store/checkouts.store.ts';
import type { CheckoutTables } from '../src/store/tables.ts';

const data = (cartId: string): SagaData => ({
  request: { cartId, accountId: 'acct_1', email: 'a@example.com', shippingAddress: { name: 'A', line1: 'L', postalCode: '1', city: 'C', country: 'DE' }, billingAddress: { name: 'A', line1: 'L', postalCode: '1', city: 'C', country: 'DE' }, card: { brand: 'visa', last4: '4242' } },
  orderId: newId('ord'),
});

describe('checkout store: one saga per owner and key, leases, recovery claims', () => {
  let svc: TestService;
  let db: Kysely<CheckoutTables>;
  // The service's own recovery loop stays out of the way: it runs rarely and these rows are not its.
  before(async () => {
    svc = await startTestService(checkout, { env: { CHECKOUT_RECOVERY_MS: '600000' } });
    db = svc.service.context.db as Kysely<CheckoutTables>;
  });
  after(() => svc?.stop());

  const start = (owner: string, key: string, leaseOwner = 'run_a', leaseMs = 60_000) =>
    insertCheckout(db, { id: newId('chk'), owner, idempotencyKey: key, requestHash: 'h', data: data('cart_1'), leaseOwner, leaseMs, deadlineMs: 30_000 });

  it('concurrent starts with one owner and key make one saga; another owner may use the same key', async () => {
    const results = await Promise.all(Array.from({ length: 10 }, () => start('account:acct_1', 'k1')));
    assert.equal(results.filter(Boolean).length, 1);
    assert.ok(await start('account:acct_2', 'k1'), 'keys are per owner');
  });

  it('only the lease holder may write progress', async () => {
    const saga = (await start('account:acct_3', 'k1', 'run_a'))!;
    assert.equal(await saveProgress(db, saga.id, 'run_b', 1000, { status: 'processing', step: 'reserve', data: saga.data }), undefined);
    const saved = await saveProgress(db, saga.id, 'run_a', 1000, { status: 'processing', step: 'reserve', data: saga.data });
    assert.equal(saved?.step, 'reserve');
    assert.equal(saved?.version, saga.version + 1);
    const done = await saveProgress(db, saga.id, 'run_a', 1000, { status: 'failed', step: 'done', data: saga.data });
    assert.equal(done?.leaseOwner, null, 'a finished saga keeps no lease');
  });

  it('recovery loops of two instances claim expired leases without overlap, and leave live ones alone', async () => {
    const expired = [];
    for (let i = 0; i < 6; i++) expired.push((await start(`account:acct_x${i}`, 'k', 'run_dead', 1))!.id);
    const live = (await start('account:acct_live', 'k', 'run_alive', 60_000))!.id;
    await sql`select pg_sleep(0.01)`.execute(db);
    const [a, b] = await Promise.all([claimAbandoned(db, 'run_a', 60_000, 10), claimAbandoned(db, 'run_b', 60_000, 10)]);
    const claimed = [...a, ...b];
    assert.equal(new Set(claimed).size, claimed.length, 'no saga claimed twice');
    assert.deepEqual([...claimed].sort(), [...expired].sort());
    assert.ok(!claimed.includes(live));
    const owners = await db.selectFrom('checkouts').select(['id', 'lease_owner']).where('id', 'in', expired).execute();
    for (const row of owners) assert.equal(row.lease_owner, a.includes(row.id) ? 'run_a' : 'run_b');
    assert.deepEqual(await claimAbandoned(db, 'run_c', 60_000, 10), [], 'claimed leases are live again');
  });
});
