import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { customerUpserted } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { assertContract, deliver, newAccountId, personToken, published, registeredEvent, startCustomers } from './helpers.ts';

describe('customer profiles', () => {
  let svc: TestService;
  let staff: string;
  before(async () => {
    svc = await startCustomers();
    staff = await personToken(svc, 'acct_staff', ['customer-manager']);
  });
  after(() => svc.stop());

  it('creates the profile from the registration event, once, and publishes it', async () => {
    const accountId = newAccountId();
    const event = registeredEvent({ id: accountId, email: 'ada@example.com', name: 'Ada Lovelace' });
    await deliver(svc, event);
    await deliver(svc, event); // a redelivery changes nothing

    const me = await svc.request('GET', '/api/customers/me', { token: await personToken(svc, accountId) });
    assert.equal(me.statusCode, 200, me.body);
    const profile = me.json();
    assert.match(profile.id, /^cust_[0-9a-f]{32}$/);
    assert.deepEqual(
      { accountId: profile.accountId, email: profile.email, name: profile.name, version: profile.version, groups: profile.groups, effectiveGroups: profile.effectiveGroups },
      { accountId, email: 'ada@example.com', name: 'Ada Lovelace', version: 1, groups: [], effectiveGroups: [] },
    );
    assert.equal(me.headers.etag, '"1"');

    const events = (await published(svc, customerUpserted.type)).filter((e) => e.data.accountId === accountId);
    assert.equal(events.length, 1);
    assertContract(customerUpserted, events);
    assert.equal(events[0]!.subject, profile.id);
    assert.ok(!('email' in events[0]!.data), 'contact details stay in the customers service');
  });

  it('creates the profile lazily for an account older than the event; a late event fills in only what is empty', async () => {
    const accountId = newAccountId();
    const token = await personToken(svc, accountId);
    const [first, second] = await Promise.all([svc.request('GET', '/api/customers/me', { token }), svc.request('GET', '/api/customers/me', { token })]);
    assert.equal(first.statusCode, 200);
    assert.equal(first.json().id, second.json().id, 'concurrent first requests make one profile');
    assert.deepEqual([first.json().email, first.json().name, first.json().version], [null, '', 1]);

    const renamed = await svc.request('PATCH', '/api/customers/me', { token, body: { name: 'Chosen Name' }, headers: { 'if-match': '"1"' } });
    assert.equal(renamed.statusCode, 200, renamed.body);
    const event = registeredEvent({ id: accountId, email: 'late@example.com', name: 'Late Comer' });
    await deliver(svc, event);
    await deliver(svc, event);
    const after = (await svc.request('GET', '/api/customers/me', { token })).json();
    assert.deepEqual([after.id, after.email, after.name, after.version], [first.json().id, 'late@example.com', 'Chosen Name', 3]);

    const events = (await published(svc, customerUpserted.type)).filter((e) => e.data.accountId === accountId);
    assert.deepEqual(
      events.map((e) => e.data.version),
      [1, 2, 3],
    );
  });

  it('updates the own profile with If-Match only: 428 without, 412 when stale, nothing changed', async () => {
    const token = await personToken(svc, newAccountId());
    const { version } = (await svc.request('GET', '/api/customers/me', { token })).json();
    const missing = await svc.request('PATCH', '/api/customers/me', { token, body: { phone: '+49 30 123456' } });
    assert.equal(missing.statusCode, 428);
    const ok = await svc.request('PATCH', '/api/customers/me', { token, body: { phone: '+49 30 123456' }, headers: { 'if-match': `"${version}"` } });
    assert.equal(ok.statusCode, 200);
    assert.equal(ok.headers.etag, `"${version + 1}"`);
    const stale = await svc.request('PATCH', '/api/customers/me', { token, body: { phone: '+1 555 0100' }, headers: { 'if-match': `"${version}"` } });
    assert.equal(stale.statusCode, 412);
    assert.match(String(stale.headers['content-type']), /^application\/problem\+json/);
    assert.equal(stale.json().code, 'precondition-failed');
    assert.equal((await svc.request('GET', '/api/customers/me', { token })).json().phone, '+49 30 123456');
  });

  it('refuses fields a customer may not set, naming them', async () => {
    const token = await personToken(svc, newAccountId());
    const denied = await svc.request('PATCH', '/api/customers/me', { token, body: { groups: ['vip'] }, headers: { 'if-match': '"1"' } });
    assert.equal(denied.statusCode, 400);
    assert.equal(denied.json().errors[0].unexpected, 'groups');
    const badEmail = await svc.request('PATCH', '/api/customers/me', { token, body: { email: 'not-an-email' }, headers: { 'if-match': '"1"' } });
    assert.equal(badEmail.statusCode, 400);
    assert.equal(badEmail.json().errors[0].pointer, 'body/email');
  });

  it("never shows a customer another customer's profile; staff see and search all", async () => {
    const alice = newAccountId();
    await deliver(svc, registeredEvent({ id: alice, email: 'alice@example.com', name: 'Alice Example' }));
    const aliceProfile = (await svc.request('GET', '/api/customers/me', { token: await personToken(svc, alice) })).json();
    const bob = await personToken(svc, newAccountId());

    for (const [method, url, body] of [
      ['GET', `/api/customers/customers/${aliceProfile.id}`],
      ['PATCH', `/api/customers/customers/${aliceProfile.id}`, { name: 'Hacked' }],
      ['GET', `/api/customers/customers/${aliceProfile.id}/addresses`],
      ['GET', '/api/customers/customers'],
    ] as const) {
      const response = await svc.request(method, url, { token: bob, body, headers: { 'if-match': '"1"' } });
      assert.equal(response.statusCode, 403, `${method} ${url}`);
      assert.ok(!response.body.includes('alice'), 'no data in the refusal');
    }
    assert.equal((await svc.request('GET', `/api/customers/customers/${aliceProfile.id}`)).statusCode, 401);

    const read = await svc.request('GET', `/api/customers/customers/${aliceProfile.id}`, { token: staff });
    assert.equal(read.statusCode, 200);
    assert.equal(read.json().email, 'alice@example.com');
    const found = (await svc.request('GET', '/api/customers/customers?q=ALICE', { token: staff })).json();
    assert.deepEqual(
      found.items.map((c: { id: string }) => c.id),
      [aliceProfile.id],
    );
    const admin = await personToken(svc, 'acct_admin', ['admin']);
    assert.equal((await svc.request('GET', `/api/customers/customers/${aliceProfile.id}`, { token: admin })).statusCode, 200);
    assert.equal((await svc.request('GET', `/api/customers/customers/cust_${'0'.repeat(32)}`, { token: staff })).statusCode, 404);
  });

  it('has no profile for machine clients (client_credentials tokens)', async () => {
    const machine = await svc.issuer.mint({ sub: 'demo-erp', clientId: 'demo-erp', scope: 'catalog:read' });
    const response = await svc.request('GET', '/api/customers/me', { token: machine });
    assert.equal(response.statusCode, 403);
    assert.equal(response.json().code, 'not-a-person');
  });

  it('pages through customers with a cursor', async () => {
    for (let i = 0; i < 3; i++) await svc.request('GET', '/api/customers/me', { token: await personToken(svc, newAccountId()) });
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page: { items: Array<{ id: string }>; nextCursor: string | null } = (
        await svc.request('GET', `/api/customers/customers?limit=2${cursor ? `&cursor=${cursor}` : ''}`, { token: staff })
      ).json();
      seen.push(...page.items.map((c) => c.id));
      cursor = page.nextCursor;
    } while (cursor);
    assert.ok(seen.length >= 3);
    assert.equal(new Set(seen).size, seen.length);
    assert.deepEqual([...seen].sort(), seen);
  });
});
