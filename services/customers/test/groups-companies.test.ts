import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { companyUpserted, customerUpserted, groupDeleted, groupUpserted } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { assertContract, newAccountId, personToken, published, startCustomers } from './helpers.ts';

describe('customer groups and B2B companies', () => {
  let svc: TestService;
  let staff: string;
  before(async () => {
    svc = await startCustomers();
    staff = await personToken(svc, 'acct_staff', ['customer-manager']);
    for (const [code, name] of [['wholesale', 'Wholesale'], ['vip', 'VIP'], ['partner', 'Partners']]) {
      const created = await svc.request('POST', '/api/customers/groups', { token: staff, body: { code, name } });
      assert.equal(created.statusCode, 201, created.body);
    }
  });
  after(() => svc.stop());

  /** A new customer (through their first request); returns their id and current version. */
  const newCustomer = async () => (await svc.request('GET', '/api/customers/me', { token: await personToken(svc, newAccountId()) })).json() as { id: string; version: number };
  const patchCustomer = (id: string, version: number, body: unknown) =>
    svc.request('PATCH', `/api/customers/customers/${id}`, { token: staff, body, headers: { 'if-match': `"${version}"` } });
  const createCompany = async (body: Record<string, unknown>) => {
    const response = await svc.request('POST', '/api/customers/companies', { token: staff, body });
    assert.equal(response.statusCode, 201, response.body);
    return response.json() as { id: string; version: number; groupCode: string | null; vatId: string | null };
  };
  /** The last published state of each given customer. */
  const lastStates = async (ids: string[]) => {
    const events = await published(svc, customerUpserted.type);
    assertContract(customerUpserted, events);
    return ids.map((id) => events.filter((e) => e.subject === id).at(-1)!.data);
  };

  it('lets staff manage groups, with events, If-Match, and no deleting a group in use', async () => {
    const list = await svc.request('GET', '/api/customers/groups', { token: staff });
    assert.deepEqual(
      list.json().items.map((g: { code: string }) => g.code),
      ['partner', 'vip', 'wholesale'],
    );
    const pricing = await personToken(svc, 'acct_pricing', ['pricing-manager']);
    assert.equal((await svc.request('GET', '/api/customers/groups', { token: pricing })).statusCode, 200);
    assert.equal((await svc.request('POST', '/api/customers/groups', { token: pricing, body: { code: 'x', name: 'X' } })).statusCode, 403);
    assert.equal((await svc.request('GET', '/api/customers/groups', { token: await personToken(svc, newAccountId()) })).statusCode, 403);

    const clash = await svc.request('POST', '/api/customers/groups', { token: staff, body: { code: 'vip', name: 'Again' } });
    assert.equal(clash.statusCode, 409);
    assert.equal(clash.json().code, 'group-exists');
    const badCode = await svc.request('POST', '/api/customers/groups', { token: staff, body: { code: 'Not A Code', name: 'X' } });
    assert.equal(badCode.statusCode, 400);
    assert.equal(badCode.json().errors[0].pointer, 'body/code');

    const renamed = await svc.request('PATCH', '/api/customers/groups/partner', { token: staff, body: { name: 'Partner' }, headers: { 'if-match': '"1"' } });
    assert.equal(renamed.statusCode, 200);
    const stale = await svc.request('PATCH', '/api/customers/groups/partner', { token: staff, body: { name: 'Late' }, headers: { 'if-match': '"1"' } });
    assert.equal(stale.statusCode, 412);

    await svc.request('POST', '/api/customers/groups', { token: staff, body: { code: 'temporary', name: 'Temporary' } });
    const customer = await newCustomer();
    assert.equal((await patchCustomer(customer.id, customer.version, { groups: ['temporary'] })).statusCode, 200);
    const inUse = await svc.request('DELETE', '/api/customers/groups/temporary', { token: staff });
    assert.equal(inUse.statusCode, 409);
    assert.equal(inUse.json().code, 'group-in-use');
    assert.equal((await patchCustomer(customer.id, customer.version + 1, { groups: [] })).statusCode, 200);
    assert.equal((await svc.request('DELETE', '/api/customers/groups/temporary', { token: staff })).statusCode, 204);
    assert.equal((await svc.request('GET', '/api/customers/groups/temporary', { token: staff })).statusCode, 404);

    assertContract(groupUpserted, await published(svc, groupUpserted.type));
    const deleted = await published(svc, groupDeleted.type);
    assertContract(groupDeleted, deleted);
    assert.deepEqual(
      deleted.map((e) => e.data),
      [{ code: 'temporary' }],
    );
  });

  it("publishes a buyer's effective groups: their own plus the company's", async () => {
    const company = await createCompany({ name: 'Acme GmbH', vatId: 'de 123.456.789', groupCode: 'wholesale' });
    assert.equal(company.vatId, 'DE123456789');
    const buyer = await newCustomer();
    const linked = await patchCustomer(buyer.id, buyer.version, { companyId: company.id, groups: ['vip'] });
    assert.equal(linked.statusCode, 200, linked.body);
    assert.deepEqual([linked.json().groups, linked.json().effectiveGroups, linked.json().companyId], [['vip'], ['vip', 'wholesale'], company.id]);

    const [state] = await lastStates([buyer.id]);
    assert.deepEqual(
      { companyId: state.companyId, groups: state.groups, effectiveGroups: state.effectiveGroups, version: state.version },
      { companyId: company.id, groups: ['vip'], effectiveGroups: ['vip', 'wholesale'], version: buyer.version + 1 },
    );
    assertContract(companyUpserted, await published(svc, companyUpserted.type));

    const inGroup = (await svc.request('GET', '/api/customers/customers?group=wholesale', { token: staff })).json();
    assert.deepEqual(
      inGroup.items.map((c: { id: string }) => c.id),
      [buyer.id],
    );
    const buyers = (await svc.request('GET', `/api/customers/customers?companyId=${company.id}`, { token: staff })).json();
    assert.deepEqual(
      buyers.items.map((c: { id: string }) => c.id),
      [buyer.id],
    );
  });

  it("re-publishes every buyer when the company moves to another group, and only then", async () => {
    const company = await createCompany({ name: 'Globex', groupCode: 'wholesale' });
    const buyers = [await newCustomer(), await newCustomer(), await newCustomer()];
    for (const b of buyers) assert.equal((await patchCustomer(b.id, b.version, { companyId: company.id })).statusCode, 200);
    const bystander = await newCustomer();
    const before = (await published(svc)).length;

    const renamed = await svc.request('PATCH', `/api/customers/companies/${company.id}`, {
      token: staff,
      body: { name: 'Globex Corporation' },
      headers: { 'if-match': `"${company.version}"` },
    });
    assert.equal(renamed.statusCode, 200);
    assert.deepEqual(
      (await published(svc)).slice(before).map((e) => e.type),
      [companyUpserted.type],
      'a rename changes no buyer',
    );

    const moved = await svc.request('PATCH', `/api/customers/companies/${company.id}`, {
      token: staff,
      body: { groupCode: 'partner' },
      headers: { 'if-match': renamed.headers.etag as string },
    });
    assert.equal(moved.statusCode, 200, moved.body);
    assert.equal(moved.json().groupCode, 'partner');
    const states = await lastStates(buyers.map((b) => b.id));
    for (const state of states) assert.deepEqual(state.effectiveGroups, ['partner']);
    const republished = (await published(svc, customerUpserted.type)).filter((e) => buyers.some((b) => b.id === e.subject) && e.data.effectiveGroups[0] === 'partner');
    assert.equal(republished.length, buyers.length);
    const [bystanderState] = await lastStates([bystander.id]);
    assert.deepEqual(bystanderState.effectiveGroups, []);

    // Leaving the company drops its group.
    const current = (await svc.request('GET', `/api/customers/customers/${buyers[0]!.id}`, { token: staff })).json();
    const left = await patchCustomer(current.id, current.version, { companyId: null });
    assert.deepEqual(left.json().effectiveGroups, []);
  });

  it('rejects unknown groups and companies and stale versions with 4xx naming the field; nothing changes', async () => {
    const customer = await newCustomer();
    const unknownGroup = await patchCustomer(customer.id, customer.version, { groups: ['vip', 'platinum'] });
    assert.equal(unknownGroup.statusCode, 400);
    assert.equal(unknownGroup.json().code, 'unknown-group');
    assert.deepEqual(unknownGroup.json().errors, [{ pointer: 'body/groups/1', detail: 'no customer group platinum' }]);

    const unknownCompany = await patchCustomer(customer.id, customer.version, { companyId: `comp_${'0'.repeat(32)}` });
    assert.equal(unknownCompany.statusCode, 400);
    assert.equal(unknownCompany.json().code, 'unknown-company');
    assert.equal(unknownCompany.json().errors[0].pointer, 'body/companyId');

    const companyWithUnknownGroup = await svc.request('POST', '/api/customers/companies', { token: staff, body: { name: 'Nope', groupCode: 'platinum' } });
    assert.equal(companyWithUnknownGroup.statusCode, 400);
    assert.equal(companyWithUnknownGroup.json().errors[0].pointer, 'body/groupCode');

    const missingName = await svc.request('POST', '/api/customers/companies', { token: staff, body: { vatId: 'FR12345678901' } });
    assert.equal(missingName.statusCode, 400);
    assert.equal(missingName.json().errors[0].missing, 'name');

    const unchanged = (await svc.request('GET', `/api/customers/customers/${customer.id}`, { token: staff })).json();
    assert.deepEqual([unchanged.version, unchanged.groups, unchanged.companyId], [customer.version, [], null]);

    const company = await createCompany({ name: 'Initech', vatId: 'FR12345678901' });
    const taken = await svc.request('POST', '/api/customers/companies', { token: staff, body: { name: 'Initech Copy', vatId: 'fr 12345678901' } });
    assert.equal(taken.statusCode, 409);
    assert.equal(taken.json().code, 'vat-id-taken');

    const withoutIfMatch = await svc.request('PATCH', `/api/customers/companies/${company.id}`, { token: staff, body: { groupCode: 'vip' } });
    assert.equal(withoutIfMatch.statusCode, 428);
    const ok = await svc.request('PATCH', `/api/customers/companies/${company.id}`, { token: staff, body: { groupCode: 'vip' }, headers: { 'if-match': '"1"' } });
    assert.equal(ok.statusCode, 200);
    const stale = await svc.request('PATCH', `/api/customers/companies/${company.id}`, { token: staff, body: { groupCode: 'wholesale' }, headers: { 'if-match': '"1"' } });
    assert.equal(stale.statusCode, 412);
    assert.equal((await svc.request('GET', `/api/customers/companies/${company.id}`, { token: staff })).json().groupCode, 'vip');

    const staleCustomer = await patchCustomer(customer.id, customer.version + 5, { groups: ['vip'] });
    assert.equal(staleCustomer.statusCode, 412);
  });

  it('keeps companies and customer administration to staff, and replays company creation by Idempotency-Key', async () => {
    const customer = await personToken(svc, newAccountId());
    assert.equal((await svc.request('POST', '/api/customers/companies', { token: customer, body: { name: 'Mine' } })).statusCode, 403);
    assert.equal((await svc.request('GET', '/api/customers/companies', { token: customer })).statusCode, 403);

    const headers = { 'idempotency-key': 'company-once' };
    const first = await svc.request('POST', '/api/customers/companies', { token: staff, body: { name: 'Umbrella' }, headers });
    const again = await svc.request('POST', '/api/customers/companies', { token: staff, body: { name: 'Umbrella' }, headers });
    assert.equal(again.headers['idempotent-replayed'], 'true');
    assert.equal(again.json().id, first.json().id);
    const found = (await svc.request('GET', '/api/customers/companies?q=umbrella', { token: staff })).json();
    assert.equal(found.items.length, 1);
  });
});
