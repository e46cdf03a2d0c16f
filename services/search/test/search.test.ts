import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startSearch, type SearchHarness } from './harness.ts';

const names = (body: any) => body.items.map((i: any) => i.name);

describe('search: relevance, typos, autocomplete, facets, filters, sorts, pages', () => {
  let h: SearchHarness;
  before(async () => {
    h = await startSearch();
    const c = h.catalog;
    await h.deliver(
      c.enumAttribute('color', 'Colour', [['red', 'Red'], ['blue', 'Blue'], ['green', 'Green']]),
      c.enumAttribute('fit', 'Fit', [['slim', 'Slim'], ['loose', 'Loose']], false),
      c.category('cat_apparel', 'Apparel'),
      c.category('cat_tops', 'Tops', { id: 'cat_apparel', path: ['cat_apparel'] }),
      c.category('cat_bottoms', 'Bottoms', { id: 'cat_apparel', path: ['cat_apparel'] }),
      c.category('cat_home', 'Home'),
      c.brand('br_north', 'Northwind'),
      c.brand('br_acme', 'Acme'),
      c.product({ id: 'p_hoodie', name: 'Zip hoodie', categoryId: 'cat_tops', brandId: 'br_north', attributes: { color: 'red', fit: 'slim' } }),
      c.product({ id: 'p_sweater', name: 'Wool sweater', description: 'Warmer than any hoodie', categoryId: 'cat_tops', brandId: 'br_acme', attributes: { color: 'blue' } }),
      c.product({ id: 'p_jeans', name: 'Slim jeans', categoryId: 'cat_bottoms', brandId: 'br_north', attributes: { color: 'blue' } }),
      c.product({ id: 'p_lamp', name: 'Desk lamp', categoryId: 'cat_home', brandId: 'br_acme', attributes: { color: 'green' }, channels: ['web', 'pos'] }),
      c.product({ id: 'p_draft', name: 'Secret hoodie', status: 'draft', categoryId: 'cat_tops' }),
      c.product({ id: 'p_app', name: 'App-only hoodie', categoryId: 'cat_tops', channels: ['app'] }),
    );
  });
  after(() => h?.svc.stop());

  it('ranks a name match above a description match', async () => {
    const { status, body } = await h.search('products?q=hoodie&channel=web');
    assert.equal(status, 200, JSON.stringify(body));
    assert.deepEqual(names(body), ['Zip hoodie', 'Wool sweater']);
    assert.ok(body.items[0].score > body.items[1].score);
    assert.deepEqual(body.items[0].brand, { id: 'br_north', name: 'Northwind' });
  });

  it('weights brand above category above description', async () => {
    await h.deliver(
      h.catalog.brand('br_tops', 'Quartz'),
      h.catalog.category('cat_quartz', 'Quartz', { id: 'cat_home', path: ['cat_home'] }),
      h.catalog.product({ id: 'p_q_brand', name: 'Mug', brandId: 'br_tops', channels: ['weights'] }),
      h.catalog.product({ id: 'p_q_category', name: 'Bowl', categoryId: 'cat_quartz', channels: ['weights'] }),
      h.catalog.product({ id: 'p_q_description', name: 'Plate', description: 'Quartz glaze', channels: ['weights'] }),
      h.catalog.product({ id: 'p_q_name', name: 'Quartz clock', channels: ['weights'] }),
    );
    const { body } = await h.search('products?q=quartz&channel=weights');
    assert.deepEqual(names(body), ['Quartz clock', 'Mug', 'Bowl', 'Plate']);
  });

  it('tolerates typos: "hodie" finds the hoodie, and an exact match still ranks first', async () => {
    const { body } = await h.search('products?q=hodie&channel=web');
    assert.ok(names(body).includes('Zip hoodie'), JSON.stringify(body.items));
    const off = await h.search('products?q=hodie&channel=web&typos=false');
    assert.equal(off.body.total, 0);
    const short = await h.search('products?q=lmp&channel=web');
    assert.equal(short.body.total, 0, 'no typo allowed in words under 5 letters');
  });

  it('completes the last word as a prefix, and suggests completions and products', async () => {
    const { body } = await h.search('products?q=zip%20hoo&channel=web');
    assert.deepEqual(names(body), ['Zip hoodie']);
    const suggest = await h.svc.request('GET', '/api/search/suggest?q=hoo&channel=web');
    assert.equal(suggest.statusCode, 200, suggest.body);
    assert.equal(suggest.json().completions[0].text, 'hoodie');
    assert.equal(suggest.json().products[0].name, 'Zip hoodie');
    const two = await h.svc.request('GET', '/api/search/suggest?q=slim%20je');
    assert.deepEqual(two.json().completions, [{ text: 'slim jeans', products: 1 }]);
  });

  it('counts facets (category tree, brand, facetable attributes) and keeps other values of a selected group', async () => {
    const { body } = await h.search('products?channel=web');
    assert.equal(body.total, 4);
    const category = Object.fromEntries(body.facets.category.map((c: any) => [c.value, c.count]));
    assert.deepEqual(category, { cat_apparel: 3, cat_home: 1 });
    assert.deepEqual(
      body.facets.brand.map((b: any) => [b.label, b.count]),
      [['Acme', 2], ['Northwind', 2]],
    );
    assert.deepEqual(body.facets.attributes.map((a: any) => a.code), ['color'], 'fit is not facetable');
    const color = body.facets.attributes[0];
    assert.equal(color.label, 'Colour');
    assert.deepEqual(color.values.map((v: any) => [v.label, v.count]), [['Blue', 2], ['Green', 1], ['Red', 1]]);

    const filtered = await h.search('products?channel=web&category=cat_apparel&brand=br_north');
    assert.deepEqual(names(filtered.body).sort(), ['Slim jeans', 'Zip hoodie']);
    // Each group counts as if its own filter were not set (multi-select facets).
    assert.deepEqual(filtered.body.facets.brand.map((b: any) => [b.value, b.count, b.selected]), [['br_north', 2, true], ['br_acme', 1, false]]);
    assert.deepEqual(
      filtered.body.facets.category.map((c: any) => [c.value, c.count, c.selected, c.depth]),
      [['cat_apparel', 2, true, 0], ['cat_bottoms', 1, false, 1], ['cat_tops', 1, false, 1]],
    );
    const byColor = await h.search('products?channel=web&attr=color:blue&attr=color:red');
    assert.deepEqual(names(byColor.body).sort(), ['Slim jeans', 'Wool sweater', 'Zip hoodie']);
    const combined = await h.search('products?channel=web&attr=color:blue&brand=br_acme');
    assert.deepEqual(names(combined.body), ['Wool sweater']);
    const only = await h.search('products?channel=web&facets=brand');
    assert.deepEqual(only.body.facets.category, []);
    assert.deepEqual(only.body.facets.attributes, []);
    assert.equal(only.body.facets.brand.length, 2);
  });

  it('hides drafts, and products of other channels when a channel is given', async () => {
    const all = await h.search('products?q=hoodie');
    assert.ok(!names(all.body).includes('Secret hoodie'));
    assert.ok(names(all.body).includes('App-only hoodie'));
    const web = await h.search('products?q=hoodie&channel=web');
    assert.ok(!names(web.body).includes('App-only hoodie'));
    const unknown = await h.search('products?q=hoodie&channel=nowhere');
    assert.equal(unknown.body.total, 0);
  });

  it('sorts by newest and by name', async () => {
    const newest = await h.search('products?channel=web&sort=newest');
    assert.deepEqual(names(newest.body), ['Desk lamp', 'Slim jeans', 'Wool sweater', 'Zip hoodie']);
    const byName = await h.search('products?channel=web&sort=name');
    assert.deepEqual(names(byName.body), ['Desk lamp', 'Slim jeans', 'Wool sweater', 'Zip hoodie']);
    const byNameQuery = await h.search('products?channel=web&sort=name&q=hoodie');
    assert.deepEqual(names(byNameQuery.body), ['Wool sweater', 'Zip hoodie']);
  });

  it('pages with a cursor, without overlaps or gaps, in every sort order', async () => {
    for (const sort of ['relevance', 'newest', 'name']) {
      const seen: string[] = [];
      let cursor: string | null = null;
      do {
        const page: { body: any } = await h.search(`products?limit=2&sort=${sort}${cursor ? `&cursor=${cursor}` : ''}`);
        seen.push(...page.body.items.map((i: any) => i.id));
        assert.ok(page.body.items.length <= 2);
        cursor = page.body.nextCursor;
      } while (cursor);
      const total = (await h.search('products?limit=100')).body.total;
      assert.equal(seen.length, total, sort);
      assert.equal(new Set(seen).size, total, `${sort}: no product twice`);
    }
  });

  it('follows changes: rename, unpublish, delete, brand and category renames', async () => {
    const c = h.catalog;
    await h.deliver(c.product({ id: 'p_lamp', name: 'Reading light', categoryId: 'cat_home', brandId: 'br_acme', attributes: { color: 'green' } }));
    assert.equal((await h.search('products?q=desk')).body.total, 0);
    assert.deepEqual(names((await h.search('products?q=reading')).body), ['Reading light']);

    await h.deliver(c.brand('br_acme', 'Acme Works'), c.category('cat_home', 'Living'));
    assert.deepEqual(names((await h.search('products?q=works%20living')).body), ['Reading light']);

    await h.deliver(c.product({ id: 'p_jeans', name: 'Slim jeans', status: 'draft', categoryId: 'cat_bottoms' }));
    assert.equal((await h.search('products?q=jeans')).body.total, 0);
    await h.deliver(c.deleteProduct('p_sweater'));
    assert.ok(!names((await h.search('products?q=sweater')).body).includes('Wool sweater'));
  });

  it('answers bad input with 400 problem+json', async () => {
    for (const query of [
      'products?limit=0',
      'products?limit=1000',
      'products?sort=price',
      'products?unknown=1',
      'products?attr=color',
      'products?facets=Bad!',
      `products?q=${'x'.repeat(201)}`,
      'products?cursor=not-a-cursor',
      'suggest',
    ]) {
      const answer = await h.svc.request('GET', `/api/search/${query}`);
      assert.equal(answer.statusCode, 400, `${query}: ${answer.body}`);
      assert.match(String(answer.headers['content-type']), /^application\/problem\+json/);
    }
    const page = await h.search('products?limit=1&sort=newest');
    const wrongSort = await h.svc.request('GET', `/api/search/products?sort=name&cursor=${page.body.nextCursor}`);
    assert.equal(wrongSort.statusCode, 400);
    assert.equal(wrongSort.json().code, 'bad-cursor');
  });
});
