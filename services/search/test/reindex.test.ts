import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { eventually } from '@mercato/testing';
import type { CloudEvent } from '@mercato/kit';
import { CatalogEvents } from './catalog-events.ts';
import { startSearch, type SearchHarness } from './harness.ts';

describe('search reindex', () => {
  const catalog = new CatalogEvents();
  /** The feed is read slowly, so that the reindex overlaps with queries and live events. */
  let pace = 0;
  let h: SearchHarness;
  before(async () => {
    h = await startSearch({
      catalog,
      feed: () => async (apply) => {
        let n = 0;
        for (const event of [...catalog.feed]) {
          await apply(event);
          if (++n % 50 === 0) await new Promise((r) => setTimeout(r, pace));
        }
        return n;
      },
    });
  });
  after(() => h?.svc.stop());

  it('serves every query during a reindex under load, and ends on the new generation with nothing lost', async () => {
    const initial: CloudEvent[] = [catalog.brand('br_1', 'Northwind'), catalog.category('cat_1', 'Lamps')];
    for (let i = 0; i < 600; i++) initial.push(catalog.product({ id: `p_${i}`, name: `Lamp model ${i}`, brandId: 'br_1', categoryId: 'cat_1' }));
    await h.deliver(...initial);
    // Events the read model never received (a consumer that lost data): only a reindex brings them.
    for (let i = 0; i < 50; i++) catalog.product({ id: `p_lost_${i}`, name: `Forgotten lantern ${i}` });
    assert.equal((await h.search('products?q=lantern')).body.total, 0);

    const before = (await h.svc.request('GET', '/api/search/reindex', { token: h.staff })).json();
    pace = 5;
    let queries = 0;
    const failures: string[] = [];
    let stop = false;
    const load = Promise.all(
      Array.from({ length: 4 }, async () => {
        while (!stop) {
          const answer = await h.svc.request('GET', '/api/search/products?q=lamp%20model&facets=brand,category&limit=5');
          queries++;
          if (answer.statusCode !== 200 || answer.json().total < 600) failures.push(`${answer.statusCode} ${answer.body.slice(0, 200)}`);
          // inject() never touches a socket: yield, as network I/O would, or the loop starves the timers.
          await new Promise((r) => setImmediate(r));
        }
      }),
    );

    let generation = 0;
    let sawProgress = false;
    try {
      const started = await h.svc.request('POST', '/api/search/reindex', { token: h.staff });
      assert.equal(started.statusCode, 202, started.body);
      generation = started.json().generation as number;
      assert.equal(generation, before.activeGeneration + 1);
      const again = await h.svc.request('POST', '/api/search/reindex', { token: h.staff });
      assert.equal(again.statusCode, 409, 'one reindex at a time');

      // Live changes during the build reach the new generation too.
      await h.svc.bus.publish([catalog.product({ id: 'p_live', name: 'Lamp model live' }), catalog.product({ id: 'p_1', name: 'Lamp model renamed one' })]);

      await eventually(async () => {
        const progress = (await h.svc.request('GET', '/api/search/reindex', { token: h.staff })).json();
        const building = progress.generations.find((g: any) => g.id === generation);
        if (building?.status === 'building' && building.eventsRead > 0) sawProgress = true;
        return progress.activeGeneration === generation;
      }, 30_000, 20);
      await h.settle();
    } finally {
      stop = true;
      await load;
    }

    assert.deepEqual(failures, []);
    assert.ok(queries > 20, `only ${queries} queries ran during the reindex`);
    assert.ok(sawProgress, 'progress was visible while building');
    const status = (await h.svc.request('GET', '/api/search/status', { token: h.staff })).json();
    assert.equal(status.generation, generation);
    assert.equal(status.products, 651);
    assert.equal((await h.search('products?q=lantern')).body.total, 50);
    assert.deepEqual((await h.search('products?q=renamed')).body.items.map((i: any) => i.id), ['p_1']);
    assert.equal((await h.search('products?q=live')).body.total, 1);
    const history = (await h.svc.request('GET', '/api/search/reindex', { token: h.staff })).json();
    assert.equal(history.buildingGeneration, null);
    assert.equal(history.generations.find((g: any) => g.id === before.activeGeneration).status, 'retired');
    assert.equal(history.generations[0].documents, 651);

    // The retired generation's rows are removed.
    await eventually(async () => {
      const rows = await h.svc.service.context.db
        .selectFrom('search_documents' as never)
        .select((eb: any) => eb.fn.countAll().as('n'))
        .where('generation' as never, '=', before.activeGeneration as never)
        .executeTakeFirstOrThrow();
      return Number((rows as { n: string }).n) === 0;
    });
  });

  it('keeps following live events after the switch', async () => {
    await h.deliver(catalog.product({ id: 'p_after', name: 'Lantern after switch' }));
    assert.equal((await h.search('products?q=after%20switch')).body.total, 1);
  });

  it('refuses a reindex without the operations right', async () => {
    const customer = await h.svc.issuer.mint({ sub: 'acct_c', roles: ['customer'] });
    assert.equal((await h.svc.request('POST', '/api/search/reindex', { token: customer })).statusCode, 403);
    assert.equal((await h.svc.request('POST', '/api/search/reindex')).statusCode, 401);
  });
});
