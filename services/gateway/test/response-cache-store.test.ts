import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ResponseStore } from '../src/cache/response-store.ts';
import { matchesIfNoneMatch, strongEtag } from '../src/cache/validators.ts';

const answer = (text: string) => ({ headers: { 'content-type': 'application/json' }, body: Buffer.from(text), etag: strongEtag(Buffer.from(text)) });

describe('gateway: the response store', () => {
  const setUp = (limits: Partial<ConstructorParameters<typeof ResponseStore>[0]> = {}) => {
    let now = 10_000;
    const store = new ResponseStore({ maxEntries: 100, maxBytes: 1024 * 1024, ttlMs: 60_000, settleMs: 1000, ...limits }, () => now);
    return { store, advance: (ms: number) => (now += ms), now: () => now };
  };

  it('drops only the answers built from the source of an event', () => {
    const { store } = setUp();
    store.put('/api/search/products?q=a', ['catalog'], answer('a'));
    store.put('/mobile/v1/home', ['catalog', 'pricing', 'inventory'], answer('home'));
    store.invalidate('inventory');
    assert.ok(store.get('/api/search/products?q=a'));
    assert.equal(store.get('/mobile/v1/home'), undefined);
    store.invalidate('catalog');
    assert.equal(store.get('/api/search/products?q=a'), undefined);
  });

  it('does not store an answer fetched before, or within the settle window after, an event', () => {
    const { store, advance, now } = setUp();
    const startedBefore = now();
    advance(10);
    store.invalidate('catalog');
    assert.equal(store.mayStore(['catalog'], startedBefore), false, 'fetched before the event');
    advance(500);
    assert.equal(store.mayStore(['catalog'], now()), false, 'read models may not have applied it yet');
    assert.equal(store.mayStore(['pricing'], now()), true, 'another source is unaffected');
    advance(600);
    assert.equal(store.mayStore(['catalog'], now()), true);
  });

  it('expires answers after the TTL and clears everything after a gap', () => {
    const { store, advance, now } = setUp({ ttlMs: 1000 });
    store.put('/a', ['catalog'], answer('a'));
    advance(999);
    assert.ok(store.get('/a'));
    advance(1);
    assert.equal(store.get('/a'), undefined);
    store.put('/b', ['catalog'], answer('b'));
    store.clear();
    assert.equal(store.get('/b'), undefined);
    assert.equal(store.mayStore(['pricing'], now()), false, 'nothing is stored right after a gap either');
  });

  it('evicts the least recently used answers past its entry and byte limits', () => {
    const { store } = setUp({ maxEntries: 2, maxBytes: 64 * 100 });
    store.put('/a', ['catalog'], answer('a'));
    store.put('/b', ['catalog'], answer('b'));
    store.get('/a');
    store.put('/c', ['catalog'], answer('c'));
    assert.ok(store.get('/a'));
    assert.equal(store.get('/b'), undefined);
    store.put('/big', ['catalog'], answer('x'.repeat(101)));
    assert.equal(store.get('/big'), undefined, 'larger than 1/64 of the budget: not stored');
    assert.deepEqual(store.size, { entries: 2, bytes: 2 });
  });

  it('compares If-None-Match weakly, with lists and *', () => {
    assert.ok(matchesIfNoneMatch('"x", W/"abc"', '"abc"'));
    assert.ok(matchesIfNoneMatch('*', '"abc"'));
    assert.ok(!matchesIfNoneMatch('"abd"', '"abc"'));
    assert.ok(!matchesIfNoneMatch(undefined, '"abc"'));
  });
});
