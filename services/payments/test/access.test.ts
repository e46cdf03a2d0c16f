import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { assertProblem, CARDS, created, startPayments, type PaymentsRig } from './helpers.ts';

describe('payments access rules', () => {
  let rig: PaymentsRig;
  before(async () => {
    rig = await startPayments();
  });
  after(() => rig.stop());

  it('lets payments staff, admins and payments:write clients move money; nobody else', async () => {
    assertProblem(await rig.request('POST', '/api/payments/intents', { body: {} }), 401, 'unauthorized');
    const body = { reference: 'chk_access', orderId: 'ord_access', accountId: null, amount: 100, currency: 'EUR', card: { number: CARDS.approve } };
    assertProblem(await rig.request('POST', '/api/payments/intents', { token: rig.customer, body }), 403, 'forbidden');
    assertProblem(await rig.request('POST', '/api/payments/intents', { token: rig.reader, body }), 403, 'forbidden');
    const intent = await created(rig);
    for (const path of ['capture', 'void', 'refunds']) {
      assertProblem(await rig.request('POST', `/api/payments/intents/${intent.id}/${path}`, { token: rig.reader, body: { amount: 1 } }), 403, 'forbidden');
      assertProblem(await rig.request('POST', `/api/payments/intents/${intent.id}/${path}`, { token: rig.customer, body: { amount: 1 } }), 403, 'forbidden');
    }
    assert.equal((await rig.request('POST', '/api/payments/intents', { token: rig.staff, body })).statusCode, 201);
    assert.equal((await rig.request('POST', `/api/payments/intents/${intent.id}/capture`, { token: rig.admin, body: {} })).statusCode, 200);
  });

  it('lets readers, staff and services read; customers and anonymous callers may not', async () => {
    const intent = await created(rig);
    for (const path of [`/api/payments/intents/${intent.id}`, '/api/payments/intents', '/api/payments/ledger', '/api/payments/reconciliation']) {
      assertProblem(await rig.request('GET', path), 401, 'unauthorized');
      assertProblem(await rig.request('GET', path, { token: rig.customer }), 403, 'forbidden');
      assert.equal((await rig.request('GET', path, { token: rig.reader })).statusCode, 200, path);
      assert.equal((await rig.request('GET', path, { token: rig.staff })).statusCode, 200, path);
    }
  });

  it('serves other services without a token (topology-checked calls)', async () => {
    const body = { reference: 'chk_service', orderId: 'ord_service', accountId: 'acct_1', amount: 900, currency: 'EUR', card: { number: CARDS.approve } };
    const create = await rig.callAsService('POST', '/api/payments/intents', body);
    assert.equal(create.status, 201, JSON.stringify(create.body));
    const capture = await rig.callAsService('POST', `/api/payments/intents/${create.body.id}/capture`, {});
    assert.equal(capture.status, 200);
    const refund = await rig.callAsService('POST', `/api/payments/intents/${create.body.id}/refunds`, { amount: 100 });
    assert.equal(refund.status, 201);
    const read = await rig.callAsService('GET', `/api/payments/intents/${create.body.id}`);
    assert.equal(read.body.refundedAmount, 100);
  });
});
