import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { TypeCompiler } from '@sinclair/typebox/compiler';
import { priceChanged } from '@mercato/contracts';
import { eventually, type TestService } from '@mercato/testing';
import { winningPrice } from '../src/domain/precedence.ts';
import { IndexSync } from '../src/index/index-sync.ts';
import { deliverCustomer, deliverProduct, ok, priceList, published, snapshot, startPricing } from './helpers.ts';

const RESOLVE = '/api/pricing/prices/resolve';
const HOUR = 3600_000;

describe('pricing: price lists and batch resolution', () => {
  let svc: TestService;
  let staff: string;
  const windowFrom = new Date(Date.now() + 10 * HOUR);
  const windowTo = new Date(Date.now() + 20 * HOUR);
  const accounts = { buyer: 'acct_buyer', vip: 'acct_vip', plain: 'acct_plain' };
  let tokens: Record<keyof typeof accounts, string>;

  before(async () => {
    svc = await startPricing();
    staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['pricing-manager'] });
    tokens = {
      buyer: await svc.issuer.mint({ sub: accounts.buyer, roles: ['customer'] }),
      vip: await svc.issuer.mint({ sub: accounts.vip, roles: ['customer'] }),
      plain: await svc.issuer.mint({ sub: accounts.plain, roles: ['customer'] }),
    };
    await deliverProduct(svc, { id: 'prod_tee', variants: [{ sku: 'TEE-M' }, { sku: 'TEE-L' }] });
    await deliverProduct(svc, { id: 'prod_mug', variants: [{ sku: 'MUG' }] });
    await deliverProduct(svc, { id: 'prod_unpriced', variants: [{ sku: 'NOPRICE' }] });
    await deliverCustomer(svc, { id: 'cust_buyer', accountId: accounts.buyer, companyId: 'comp_acme', effectiveGroups: ['wholesale'] });
    await deliverCustomer(svc, { id: 'cust_vip', accountId: accounts.vip, effectiveGroups: ['vip'] });
    await deliverCustomer(svc, { id: 'cust_plain', accountId: accounts.plain });

    await ok(svc, 'PUT', '/api/pricing/currencies/EUR', staff, { taxMode: 'gross' }, 201);
    await priceList(svc, staff, { code: 'base-eur', kind: 'base', currency: 'EUR' }, { 'TEE-M': 2000, 'TEE-L': 2200, MUG: [[1, 1000], [10, 900], [50, 800]] });
    await priceList(svc, staff, { code: 'acme-contract', kind: 'contract', currency: 'EUR', companyId: 'comp_acme' }, { 'TEE-M': 1500 });
    await priceList(svc, staff, { code: 'wholesale', kind: 'group', currency: 'EUR', groupCode: 'wholesale' }, { 'TEE-M': 1700, 'TEE-L': 1900 });
    await priceList(
      svc,
      staff,
      { code: 'vip-week', kind: 'group', currency: 'EUR', groupCode: 'vip', validFrom: windowFrom.toISOString(), validTo: windowTo.toISOString() },
      { 'TEE-M': 1600 },
    );
  });
  after(() => svc.stop());

  const resolve = (body: Record<string, unknown>, token?: string) => svc.request('POST', RESOLVE, { token, body: { currency: 'EUR', channel: 'web', ...body } });
  const priceOf = async (sku: string, token?: string, extra: Record<string, unknown> = {}) => {
    const response = await resolve({ items: [{ sku, quantity: 1 }], ...extra }, token);
    assert.equal(response.statusCode, 200, response.body);
    return response.json().items[0];
  };

  it('gives a guest the list price, and says where it came from', async () => {
    const item = await priceOf('TEE-M');
    assert.equal(item.unitPrice, 2000);
    assert.deepEqual({ kind: item.source.kind, list: item.source.listCode, tier: item.source.tierMinQuantity }, { kind: 'base', list: 'base-eur', tier: 1 });
    const body = (await resolve({ items: [{ sku: 'TEE-M', quantity: 1 }] })).json();
    assert.equal(body.customer.kind, 'guest');
    assert.equal(body.taxMode, 'gross');
  });

  it("gives a B2B buyer their company's contract price (their company group's price is higher)", async () => {
    const item = await priceOf('TEE-M', tokens.buyer);
    assert.equal(item.unitPrice, 1500);
    assert.equal(item.source.kind, 'contract');
    assert.equal(item.source.listCode, 'acme-contract');
    const large = await priceOf('TEE-L', tokens.buyer);
    assert.equal(large.unitPrice, 1900, 'no contract price for TEE-L: the wholesale group price wins over the list price');
    assert.equal(large.source.kind, 'group');
  });

  it('lets a group price beat the list price only inside its validity window', async () => {
    const before = await priceOf('TEE-M', tokens.vip, { at: new Date(windowFrom.getTime() - 1).toISOString() });
    const inside = await priceOf('TEE-M', tokens.vip, { at: new Date(windowFrom.getTime() + HOUR).toISOString() });
    const atEnd = await priceOf('TEE-M', tokens.vip, { at: windowTo.toISOString() });
    const afterIt = await priceOf('TEE-M', tokens.vip, { at: new Date(windowTo.getTime() + HOUR).toISOString() });
    assert.deepEqual([before.unitPrice, inside.unitPrice, atEnd.unitPrice, afterIt.unitPrice], [2000, 1600, 2000, 2000]);
    assert.equal(inside.source.listCode, 'vip-week');
    assert.equal(inside.source.validTo, windowTo.toISOString());
    const plain = await priceOf('TEE-M', tokens.plain, { at: new Date(windowFrom.getTime() + HOUR).toISOString() });
    assert.equal(plain.unitPrice, 2000, 'a customer outside the group keeps the list price');
  });

  it('picks the tier by quantity', async () => {
    const amounts = [];
    for (const quantity of [1, 9, 10, 49, 50, 500]) {
      const r = (await resolve({ items: [{ sku: 'MUG', quantity }] })).json().items[0];
      amounts.push([quantity, r.unitPrice, r.source.tierMinQuantity]);
    }
    assert.deepEqual(amounts, [[1, 1000, 1], [9, 1000, 1], [10, 900, 10], [49, 900, 10], [50, 800, 50], [500, 800, 50]]);
  });

  it('answers per SKU in one batch, with "no price" for unknown and unpriced SKUs', async () => {
    const response = await resolve(
      { items: [{ sku: 'TEE-M', quantity: 2 }, { sku: 'GHOST', quantity: 1 }, { sku: 'NOPRICE', quantity: 1 }, { sku: 'MUG', quantity: 12 }] },
      tokens.buyer,
    );
    assert.equal(response.statusCode, 200, response.body);
    const items = response.json().items;
    assert.deepEqual(
      items.map((i: { sku: string; unitPrice: number | null; noPrice: string | null }) => [i.sku, i.unitPrice, i.noPrice]),
      [['TEE-M', 1500, null], ['GHOST', null, 'unknown-sku'], ['NOPRICE', null, 'no-applicable-price'], ['MUG', 900, null]],
    );
  });

  it('lets services and pricing:quote clients price for an account, but not other customers', async () => {
    const machine = await svc.issuer.mint({ sub: 'client_cart', scope: 'pricing:quote', clientId: 'cart' });
    const item = await priceOf('TEE-M', machine, { accountId: accounts.buyer });
    assert.equal(item.unitPrice, 1500);
    const sneaky = await resolve({ items: [{ sku: 'TEE-M', quantity: 1 }], accountId: accounts.buyer }, tokens.plain);
    assert.equal(sneaky.statusCode, 403);
    assert.equal(sneaky.json().code, 'account-not-allowed');
    assert.equal(sneaky.json().errors[0].pointer, 'body/accountId');
  });

  it('gives a customer their own contract price (a contract for one customer)', async () => {
    await priceList(svc, staff, { code: 'vip-personal', kind: 'contract', currency: 'EUR', customerId: 'cust_vip' }, { MUG: 950 });
    assert.equal((await priceOf('MUG', tokens.vip)).source.listCode, 'vip-personal');
    assert.equal((await priceOf('MUG', tokens.plain)).unitPrice, 1000);
  });

  it('follows a customer moving into a group (customers events), without any call', async () => {
    // Applied by the consumer, then picked up by the index from the change log within a poll interval.
    await deliverCustomer(svc, { id: 'cust_plain', accountId: accounts.plain, effectiveGroups: ['wholesale'], version: 2 });
    await eventually(async () => (await priceOf('TEE-L', tokens.plain)).unitPrice === 1900, 3000);
    await deliverCustomer(svc, { id: 'cust_plain', accountId: accounts.plain, effectiveGroups: [], version: 3 });
    await eventually(async () => (await priceOf('TEE-L', tokens.plain)).unitPrice === 2200, 3000);
  });

  it('uses priority before price: a higher-priority list wins even when dearer', async () => {
    const list = await priceList(svc, staff, { code: 'mobile-fixed', kind: 'base', currency: 'EUR', channel: 'mobile', priority: 5 }, { 'TEE-L': 2500 });
    assert.equal((await priceOf('TEE-L', undefined, { channel: 'mobile' })).unitPrice, 2500);
    assert.equal((await priceOf('TEE-L', undefined, { channel: 'web' })).unitPrice, 2200, 'the mobile list does not apply on the web');
    const patched = await svc.request('PATCH', `/api/pricing/price-lists/${list.id}`, { token: staff, body: { active: false }, headers: { 'if-match': '"1"' } });
    assert.equal(patched.statusCode, 200, patched.body);
    assert.equal(patched.headers.etag, '"2"');
    assert.equal((await priceOf('TEE-L', undefined, { channel: 'mobile' })).unitPrice, 2200);
    const stale = await svc.request('PATCH', `/api/pricing/price-lists/${list.id}`, { token: staff, body: { active: true }, headers: { 'if-match': '"1"' } });
    assert.equal(stale.statusCode, 412);
    const missing = await svc.request('PATCH', `/api/pricing/price-lists/${list.id}`, { token: staff, body: { active: true } });
    assert.equal(missing.statusCode, 428);
  });

  it('publishes price.changed per SKU per list, matching its contract', async () => {
    const events = await published(svc, priceChanged.type);
    const check = TypeCompiler.Compile(priceChanged.schema);
    assert.ok(events.every((e) => check.Check(e.data)));
    const mug = events.find((e) => e.data.sku === 'MUG');
    assert.ok(mug);
    assert.match(mug.subject, /^plist_[0-9a-f]+:MUG$/);
    assert.deepEqual(mug.data.tiers, [{ minQuantity: 1, amount: 1000 }, { minQuantity: 10, amount: 900 }, { minQuantity: 50, amount: 800 }]);
  });

  it('deleting a list drops its prices at once and tells consumers per SKU', async () => {
    const list = await priceList(svc, staff, { code: 'flash-sale', kind: 'base', currency: 'EUR' }, { MUG: 100 });
    assert.equal((await priceOf('MUG')).unitPrice, 100);
    const deleted = await svc.request('DELETE', `/api/pricing/price-lists/${list.id}`, { token: staff, headers: { 'if-match': '"1"' } });
    assert.equal(deleted.statusCode, 204);
    assert.equal((await priceOf('MUG')).unitPrice, 1000);
    const last = (await published(svc, priceChanged.type)).filter((e) => e.subject === `${list.id}:MUG`).at(-1);
    assert.deepEqual(last?.data.tiers, []);
    assert.equal((await svc.request('GET', `/api/pricing/price-lists/${list.id}`, { token: staff })).statusCode, 404);
  });

  it('forgets SKUs the catalog removed (product events)', async () => {
    await deliverProduct(svc, { id: 'prod_unpriced', variants: [] }, 2);
    await eventually(async () => (await priceOf('NOPRICE')).noPrice === 'unknown-sku', 3000);
  });

  it("keeps another replica's index in step through the change log", async () => {
    const other = new IndexSync(svc.service.context.db as never, svc.service.context.log, 50);
    await other.start();
    try {
      const context = { currency: 'EUR', channel: 'web', at: Date.now(), groups: [], companyId: null, customerId: null };
      assert.equal(winningPrice(other.index.candidates('TEE-L', 1, context), 1)?.amount, 2200);
      const list = await priceList(svc, staff, { code: 'replica-check', kind: 'base', currency: 'EUR' }, { 'TEE-L': 2100 });
      await eventually(async () => winningPrice(other.index.candidates('TEE-L', 1, context), 1)?.amount === 2100, 3000);
      await ok(svc, 'DELETE', `/api/pricing/price-lists/${list.id}`, staff, undefined, 204);
      await eventually(async () => winningPrice(other.index.candidates('TEE-L', 1, context), 1)?.amount === 2200, 3000);
    } finally {
      other.stop();
    }
  });

  it('replays a list creation with the same Idempotency-Key', async () => {
    const headers = { 'idempotency-key': 'create-list-1' };
    const body = { code: 'idem-list', name: 'Idem', kind: 'base', currency: 'EUR' };
    const first = await svc.request('POST', '/api/pricing/price-lists', { token: staff, body, headers });
    const second = await svc.request('POST', '/api/pricing/price-lists', { token: staff, body, headers });
    assert.equal(first.statusCode, 201);
    assert.equal(second.headers['idempotent-replayed'], 'true');
    assert.equal(second.json().id, first.json().id);
  });

  describe('bad input: a 4xx problem naming the field, nothing changed', () => {
    const expectProblem = async (response: { statusCode: number; json(): any; headers: Record<string, unknown> }, status: number, code: string, pointer: RegExp) => {
      assert.equal(response.statusCode, status, JSON.stringify(response.json()));
      assert.match(String(response.headers['content-type']), /^application\/problem\+json/);
      const problem = response.json();
      assert.equal(problem.code, code);
      assert.ok(problem.errors.some((e: { pointer: string }) => pointer.test(e.pointer)), JSON.stringify(problem.errors));
    };

    it('negative or zero quantity, or over the maximum', async () => {
      await expectProblem(await resolve({ items: [{ sku: 'MUG', quantity: -1 }] }), 400, 'validation-failed', /^body\/items\/0\/quantity$/);
      await expectProblem(await resolve({ items: [{ sku: 'MUG', quantity: 0 }] }), 400, 'validation-failed', /^body\/items\/0\/quantity$/);
      await expectProblem(await resolve({ items: [{ sku: 'MUG', quantity: 1 }, { sku: 'TEE-M', quantity: 10_001 }] }), 400, 'validation-failed', /^body\/items\/1\/quantity$/);
    });

    it('wrong or unsupported currency', async () => {
      await expectProblem(await resolve({ items: [{ sku: 'MUG', quantity: 1 }], currency: 'XYZ' }), 422, 'unknown-currency', /^body\/currency$/);
      await expectProblem(await resolve({ items: [{ sku: 'MUG', quantity: 1 }], currency: 'eur' }), 422, 'unknown-currency', /^body\/currency$/);
      await expectProblem(await resolve({ items: [{ sku: 'MUG', quantity: 1 }], currency: 'JPY' }), 422, 'unsupported-currency', /^body\/currency$/);
    });

    it('the same SKU twice in a batch', async () => {
      await expectProblem(await resolve({ items: [{ sku: 'MUG', quantity: 1 }, { sku: 'MUG', quantity: 2 }] }), 400, 'repeated-sku', /^body\/items\/1\/sku$/);
    });

    it('bulk upsert with an unknown SKU or a negative amount writes nothing', async () => {
      const { items } = (await ok(svc, 'GET', '/api/pricing/price-lists?kind=base&currency=EUR', staff)) as { items: Array<{ id: string; code: string }> };
      const base = items.find((l) => l.code === 'base-eur')!;
      const before = await snapshot(svc);
      const url = `/api/pricing/price-lists/${base.id}/prices`;
      const unknown = await svc.request('PUT', url, { token: staff, body: { items: [{ sku: 'MUG', tiers: [{ minQuantity: 1, amount: 1 }] }, { sku: 'GHOST', tiers: [{ minQuantity: 1, amount: 5 }] }] } });
      await expectProblem(unknown, 422, 'unknown-sku', /^body\/items\/1\/sku$/);
      const negative = await svc.request('PUT', url, { token: staff, body: { items: [{ sku: 'MUG', tiers: [{ minQuantity: 1, amount: -5 }] }] } });
      await expectProblem(negative, 400, 'validation-failed', /^body\/items\/0\/tiers\/0\/amount$/);
      const fractional = await svc.request('PUT', url, { token: staff, body: { items: [{ sku: 'MUG', tiers: [{ minQuantity: 1, amount: 9.99 }] }] } });
      await expectProblem(fractional, 400, 'validation-failed', /^body\/items\/0\/tiers\/0\/amount$/);
      assert.equal(await snapshot(svc), before);
      assert.equal((await priceOf('MUG')).unitPrice, 1000);
    });

    it('inconsistent price lists and unsupported currencies on create', async () => {
      const before = await snapshot(svc);
      await expectProblem(
        await svc.request('POST', '/api/pricing/price-lists', { token: staff, body: { code: 'bad', name: 'Bad', kind: 'group', currency: 'EUR' } }),
        422,
        'invalid-price-list',
        /^body\/groupCode$/,
      );
      await expectProblem(
        await svc.request('POST', '/api/pricing/price-lists', { token: staff, body: { code: 'bad', name: 'Bad', kind: 'base', currency: 'USD' } }),
        422,
        'unsupported-currency',
        /^body\/currency$/,
      );
      assert.equal(await snapshot(svc), before);
    });

    it('refuses staff writes to customers (403) and anonymous callers (401)', async () => {
      assert.equal((await svc.request('POST', '/api/pricing/price-lists', { token: tokens.plain, body: { code: 'x', name: 'x', kind: 'base', currency: 'EUR' } })).statusCode, 403);
      assert.equal((await svc.request('GET', '/api/pricing/price-lists')).statusCode, 401);
    });
  });
});
