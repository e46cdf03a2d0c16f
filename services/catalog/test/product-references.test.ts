import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { TestService } from '@mercato/testing';
import { assertProblem, fieldsOf, outbox, outboxSize, startCatalog } from './helpers.ts';

/** Products that use attributes, brands, categories and channels: every bad reference is refused by name. */
describe('catalog products with attributes, brands, categories and channels', () => {
  let svc: TestService;
  let staff: string;
  const ids: Record<string, string> = {};
  before(async () => {
    ({ svc, staff } = await startCatalog());
    const post = async (path: string, body: unknown) => {
      const answer = await svc.request('POST', path, { token: staff, body });
      assert.equal(answer.statusCode, 201, answer.body);
      return answer.json();
    };
    const enumOf = (code: string, scope: string, codes: string[]) => ({ code, type: 'enum', scope, label: { en: code }, facetable: true, options: codes.map((c) => ({ code: c, label: { en: c } })) });
    await post('/api/catalog/attributes', enumOf('material', 'product', ['cotton', 'wool']));
    await post('/api/catalog/attributes', enumOf('color', 'variant', ['red', 'blue']));
    await post('/api/catalog/attributes', { code: 'weight', type: 'number', label: { en: 'Weight' }, unit: 'g' });
    await post('/api/catalog/attributes', { code: 'organic', type: 'boolean', label: { en: 'Organic' } });
    await post('/api/catalog/attributes', { code: 'care', type: 'text', localized: true, label: { en: 'Care' } });
    ids.acme = (await post('/api/catalog/brands', { slug: 'acme', name: 'Acme' })).id;
    ids.apparel = (await post('/api/catalog/categories', { slug: 'apparel', name: 'Apparel' })).id;
    ids.tops = (await post('/api/catalog/categories', { slug: 'tops', name: 'Tops', parentId: ids.apparel })).id;
    ids.shoes = (await post('/api/catalog/categories', { slug: 'shoes', name: 'Shoes' })).id;
  });
  after(() => svc.stop());

  const body = (handle: string, extra: Record<string, unknown> = {}) => ({
    handle,
    name: handle,
    status: 'published',
    variants: [{ sku: handle.toUpperCase(), name: handle }],
    ...extra,
  });
  const create = (b: unknown) => svc.request('POST', '/api/catalog/products', { token: staff, body: b });

  /** Asserts a refused create: the problem, the fields it names, and that nothing was written. */
  async function refused(b: { handle: string }, status: number, code: string, fields: string[]) {
    const events = await outboxSize(svc);
    const problem = assertProblem(await create(b), status, code);
    assert.deepEqual(fieldsOf(problem).sort(), [...fields].sort(), JSON.stringify(problem));
    const all = (await svc.request('GET', '/api/catalog/products?limit=100', { token: staff })).json().items;
    assert.ok(!all.some((p: { handle: string }) => p.handle === b.handle), 'no product row');
    assert.equal(await outboxSize(svc), events, 'no event');
    return problem;
  }

  it('stores typed attribute values on products and variants, with brand, category, channels and media', async () => {
    const created = await create(
      body('wool-tee', {
        brandId: ids.acme,
        categoryId: ids.tops,
        channels: ['web'],
        attributes: { material: 'wool', weight: 180, organic: true, care: { en: 'Hand wash', de: 'Handwäsche' } },
        media: [{ url: 'https://img.example.com/wool-tee.jpg', alt: 'Wool tee' }],
        variants: [{ sku: 'WT-RED', name: 'Red', options: { color: 'Red' }, attributes: { color: 'red' }, weightGrams: 180 }],
      }),
    );
    assert.equal(created.statusCode, 201, created.body);
    const product = created.json();
    assert.deepEqual(product.attributes, { material: 'wool', weight: 180, organic: true, care: { en: 'Hand wash', de: 'Handwäsche' } });
    assert.equal(typeof product.attributes.weight, 'number', 'a number stays a number through validation');
    assert.deepEqual(product.variants[0].attributes, { color: 'red' });
    assert.equal(product.brandId, ids.acme);
    assert.deepEqual(product.channels, ['web']);
    const [event] = await outbox(svc, { subject: product.id });
    assert.deepEqual(event!.data, product, 'the event carries exactly the state the API returns');
  });

  it('refuses an unknown attribute, naming it', async () => {
    await refused(body('unknown-attr', { attributes: { fabric: 'wool' } }), 422, 'invalid-attributes', ['attributes.fabric']);
  });

  it('refuses values of the wrong type, naming each', async () => {
    const problem = await refused(
      body('wrong-type', { attributes: { weight: '180', organic: 'yes', care: 'Hand wash' }, variants: [{ sku: 'WRONG-TYPE', name: 'x', attributes: { color: 7 } }] }),
      422,
      'invalid-attributes',
      ['attributes.weight', 'attributes.organic', 'attributes.care', 'variants[0].attributes.color'],
    );
    assert.deepEqual(problem.errors.map((e: { code: string }) => e.code).sort(), ['localized-required', 'wrong-type', 'wrong-type', 'wrong-type']);
    const color = problem.errors.find((e: { field: string }) => e.field === 'variants[0].attributes.color');
    assert.equal(color.pointer, 'body/variants/0/attributes/color', 'the same pointer form as schema validation errors');
    assert.match(color.detail, /option code/);
  });

  it('refuses an option the enum does not have, and an attribute on the wrong level', async () => {
    const problem = await refused(
      body('bad-option', { attributes: { material: 'silk', color: 'red' } }),
      422,
      'invalid-attributes',
      ['attributes.material', 'attributes.color'],
    );
    assert.deepEqual(problem.errors.map((e: { code: string }) => e.code).sort(), ['unknown-option', 'wrong-scope']);
    assert.match(problem.detail, /silk/);
  });

  it('refuses an unknown brand, category or channel, naming the field', async () => {
    await refused(body('no-brand', { brandId: 'brand_0192f1c4a2b37c3d8e9f0a1b2c3d4e5f' }), 422, 'unknown-brand', ['brandId']);
    await refused(body('no-category', { categoryId: 'cat_0192f1c4a2b37c3d8e9f0a1b2c3d4e5f' }), 422, 'unknown-category', ['categoryId']);
    await refused(body('no-channel', { channels: ['web', 'kiosk'] }), 422, 'unknown-channel', ['channels[1]']);
  });

  it('validates attribute values on PATCH too, and changes nothing when they are wrong', async () => {
    const { id } = (await create(body('patch-attr', { attributes: { material: 'cotton' } }))).json();
    const events = await outboxSize(svc);
    const problem = assertProblem(
      await svc.request('PATCH', `/api/catalog/products/${id}`, { token: staff, body: { attributes: { material: 'silk' } }, headers: { 'if-match': '"1"' } }),
      422,
      'invalid-attributes',
    );
    assert.deepEqual(fieldsOf(problem), ['attributes.material']);
    const read = (await svc.request('GET', `/api/catalog/products/${id}`)).json();
    assert.deepEqual([read.version, read.attributes], [1, { material: 'cotton' }]);
    assert.equal(await outboxSize(svc), events);
  });

  it('filters lists by category (with descendants), brand and channel; the public sees published products only', async () => {
    const make = async (handle: string, extra: Record<string, unknown>) => (await create(body(handle, extra))).json().id as string;
    const inTops = await make('f-tops', { categoryId: ids.tops, channels: ['mobile'] });
    const inApparel = await make('f-apparel', { categoryId: ids.apparel, brandId: ids.acme, channels: ['web'] });
    const inShoes = await make('f-shoes', { categoryId: ids.shoes });
    const draft = await make('f-draft', { categoryId: ids.apparel, status: 'draft' });
    const list = async (query: string, token?: string) =>
      (await svc.request('GET', `/api/catalog/products?limit=100&${query}`, token ? { token } : {})).json().items.map((p: { id: string }) => p.id) as string[];

    const apparel = await list(`category=${ids.apparel}`);
    assert.ok(apparel.includes(inTops) && apparel.includes(inApparel), 'the parent includes its descendants');
    assert.ok(!apparel.includes(inShoes) && !apparel.includes(draft));
    assert.ok((await list(`category=${ids.apparel}`, staff)).includes(draft), 'staff see drafts');
    assert.ok(!(await list(`category=${ids.tops}`)).includes(inApparel), 'a child does not include its parent');
    assert.ok((await list(`brand=${ids.acme}`)).includes(inApparel));
    assert.ok(!(await list(`brand=${ids.acme}`)).includes(inTops));

    const web = await list(`channel=web&category=${ids.apparel}`);
    assert.ok(web.includes(inApparel) && !web.includes(inTops), 'a web-only list leaves out mobile-only products');
    const mobile = await list('channel=mobile');
    assert.ok(mobile.includes(inTops) && mobile.includes(inShoes) && !mobile.includes(inApparel));
  });

  it('lists the channels', async () => {
    const answer = await svc.request('GET', '/api/catalog/channels');
    assert.equal(answer.statusCode, 200);
    assert.deepEqual(answer.json().items.map((c: { code: string }) => c.code), ['mobile', 'web']);
  });
});
