import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { setTimeout as sleep } from 'node:timers/promises';
import { startTestService, type TestService } from '@mercato/testing';
import { sql, type Kysely } from 'kysely';
import catalog from '../src/main.ts';

const ATTRIBUTES = [
  { code: 'color', type: 'enum', label: { en: 'Colour' }, scope: 'variant', facetable: true, options: [{ code: 'red', label: { en: 'Red' } }, { code: 'blue', label: { en: 'Blue' } }] },
  { code: 'material', type: 'enum', label: { en: 'Material' }, options: [{ code: 'wool', label: { en: 'Wool' } }, { code: 'cotton', label: { en: 'Cotton' } }] },
  { code: 'weight', type: 'number', label: { en: 'Weight' }, unit: 'kg' },
  { code: 'care', type: 'text', label: { en: 'Care' }, localized: true },
].map((a) => JSON.stringify(a)).join('\n');

const CATEGORIES = 'slug,name,parent,position\napparel,Apparel,,0\napparel-tees,Tees,apparel,1\n';

const PRODUCTS_CSV = [
  'handle,name,description,status,category,brand,brand_name,channels,media,attr.material,attr.weight,attr.care.en,attr.care.de,sku,variant_name,option.size,vattr.color,weight_grams',
  'wool-tee,Wool tee,"Soft, warm",published,apparel-tees,acme,Acme,web,https://img.example/wool.jpg,wool,0.2,Hand wash,Handwäsche,WT-S,Wool tee S,S,red,200',
  'wool-tee,,,,,,,,,,,,,WT-M,Wool tee M,M,blue,220',
  'cotton-tee,Cotton tee,,draft,apparel-tees,,,,,cotton,,,,CT-1,,,,',
].join('\n');

describe('catalog import', () => {
  let svc: TestService;
  let staff: string;
  let db: Kysely<any>;
  before(async () => {
    svc = await startTestService(catalog);
    staff = await svc.issuer.mint({ sub: 'acct_staff', roles: ['catalog-manager'] });
    db = svc.service.context.db as Kysely<any>;
  });
  after(() => svc.stop());

  /** Uploads a file, waits for its job to end, returns the job and its errors. */
  async function runImport(kind: string, contentType: string, body: string) {
    const started = await svc.request('POST', `/api/catalog/imports?kind=${kind}`, { token: staff, body, headers: { 'content-type': contentType } });
    assert.equal(started.statusCode, 202, started.body);
    assert.equal(started.headers.location, `/api/catalog/imports/${started.json().id}`);
    let job = started.json();
    for (let i = 0; i < 500 && (job.status === 'queued' || job.status === 'running'); i++) {
      await sleep(20);
      job = (await svc.request('GET', `/api/catalog/imports/${job.id}`, { token: staff })).json();
    }
    const errors = (await svc.request('GET', `/api/catalog/imports/${job.id}/errors?limit=1000`, { token: staff })).json().items;
    return { job, errors };
  }
  const productEvents = async () =>
    Number((await sql<{ n: string }>`select count(*) as n from kit_outbox where type = 'mercato.catalog.product.upserted.v1'`.execute(db)).rows[0]!.n);
  const versions = async () => (await db.selectFrom('products').select(['handle', 'version']).orderBy('handle').execute()).map((r) => `${r.handle}@${r.version}`);

  it('imports attribute definitions and categories', async () => {
    const attributes = await runImport('attributes', 'application/x-ndjson', ATTRIBUTES);
    assert.equal(attributes.job.status, 'succeeded', JSON.stringify(attributes));
    assert.deepEqual(attributes.job.items, { created: 4, updated: 0, unchanged: 0, failed: 0 });
    const categories = await runImport('categories', 'text/csv', CATEGORIES);
    assert.deepEqual(categories.job.items, { created: 2, updated: 0, unchanged: 0, failed: 0 });
    const again = await runImport('categories', 'text/csv', CATEGORIES);
    assert.deepEqual(again.job.items, { created: 0, updated: 0, unchanged: 2, failed: 0 });
  });

  it('imports a CSV: products, variants and one event per product; progress reaches the total', async () => {
    const before = await productEvents();
    const { job, errors } = await runImport('products', 'text/csv', PRODUCTS_CSV);
    assert.equal(job.status, 'succeeded');
    assert.deepEqual(errors, []);
    assert.deepEqual(job.items, { created: 2, updated: 0, unchanged: 0, failed: 0 });
    assert.deepEqual(job.rows, { total: 3, done: 3, failed: 0 });
    assert.equal(job.progress.percent, 100);
    assert.equal((await productEvents()) - before, 2);
    const variants = await db.selectFrom('variants').select(['sku', 'name', 'attributes', 'weight_grams']).orderBy('sku').execute();
    assert.deepEqual(variants.map((v) => v.sku), ['CT-1', 'WT-M', 'WT-S']);
    assert.equal(variants.find((v) => v.sku === 'CT-1')!.name, 'Cotton tee', 'variant name defaults to the product name');
    assert.deepEqual(variants.find((v) => v.sku === 'WT-S')!.attributes, { color: 'red' });
    const wool = await db.selectFrom('products').selectAll().where('handle', '=', 'wool-tee').executeTakeFirstOrThrow();
    assert.deepEqual(wool.attributes, { material: 'wool', weight: 0.2, care: { en: 'Hand wash', de: 'Handwäsche' } });
    assert.deepEqual(wool.channels, ['web']);
    const event = (await sql<{ envelope: any }>`select envelope from kit_outbox where subject = ${wool.id}`.execute(db)).rows[0]!.envelope;
    assert.equal(event.data.variants.length, 2);
    assert.ok(event.data.brandId, 'the brand was created');
  });

  it('changes nothing when the same file is imported again', async () => {
    const [eventsBefore, versionsBefore] = [await productEvents(), await versions()];
    const { job } = await runImport('products', 'text/csv', PRODUCTS_CSV);
    assert.deepEqual(job.items, { created: 0, updated: 0, unchanged: 2, failed: 0 });
    assert.equal(await productEvents(), eventsBefore);
    assert.deepEqual(await versions(), versionsBefore);
  });

  it('imports NDJSON and updates a changed product (its SKUs keep their variant ids)', async () => {
    const idBefore = (await db.selectFrom('variants').select('id').where('sku', '=', 'CT-1').executeTakeFirstOrThrow()).id;
    const lines = [
      { handle: 'cotton-tee', name: 'Cotton tee', status: 'published', category: 'apparel-tees', attributes: { material: 'cotton' }, variants: [{ sku: 'CT-1' }, { sku: 'CT-2', attributes: { color: 'blue' } }] },
      { handle: 'linen-shirt', name: 'Linen shirt', media: [{ url: 'https://img.example/l.jpg', alt: 'Linen' }], variants: [{ sku: 'LS-1', weightGrams: 300 }] },
    ];
    const { job, errors } = await runImport('products', 'application/x-ndjson', lines.map((l) => JSON.stringify(l)).join('\n'));
    assert.deepEqual(errors, []);
    assert.deepEqual(job.items, { created: 1, updated: 1, unchanged: 0, failed: 0 });
    const cotton = await db.selectFrom('products').select(['id', 'version', 'status']).where('handle', '=', 'cotton-tee').executeTakeFirstOrThrow();
    assert.equal(cotton.version, 2);
    assert.equal((await db.selectFrom('variants').select('id').where('sku', '=', 'CT-1').executeTakeFirstOrThrow()).id, idBefore);
  });

  it('rejects bad rows with their line and field, and imports every other product', async () => {
    const csv = [
      'handle,name,category,attr.material,attr.shininess,sku,vattr.color',
      'good-one,Good one,apparel,wool,,G-1,red', // line 2
      'short-row,Short row,apparel', // line 3: malformed
      'unknown-attr,Shiny,apparel,,very,U-1,', // line 4: unknown attribute
      'dup-sku,Dup,apparel,,,G-1,', // line 5: duplicate SKU
      'bad-option,Bad option,apparel,silk,,B-1,', // line 6: not an option
      'taken-sku,Taken,,,,WT-S,', // line 7: SKU of wool-tee
      'no-cat,No category,nowhere,,,N-1,', // line 8
      'good-two,Good two,,,,G-2,blue', // line 9
    ].join('\n');
    const { job, errors } = await runImport('products', 'text/csv', csv);
    assert.equal(job.status, 'succeeded');
    const found = errors.map((e: any) => `${e.line} ${e.field} ${e.code}`).sort();
    assert.deepEqual(found, [
      '3 null malformed-row',
      '4 attr.shininess unknown-attribute',
      '5 sku duplicate-sku',
      '6 attr.material invalid-attribute',
      '7 sku sku-taken',
      '8 category unknown-category',
    ]);
    assert.equal(errors.find((e: any) => e.line === 7).item, 'taken-sku');
    assert.deepEqual(job.items, { created: 2, updated: 0, unchanged: 0, failed: 6 });
    const handles = (await db.selectFrom('products').select('handle').execute()).map((r) => r.handle);
    for (const handle of ['good-one', 'good-two']) assert.ok(handles.includes(handle), handle);
    for (const handle of ['short-row', 'unknown-attr', 'dup-sku', 'bad-option', 'taken-sku', 'no-cat']) assert.ok(!handles.includes(handle), handle);
    const csvErrors = await svc.request('GET', `/api/catalog/imports/${job.id}/errors?format=csv`, { token: staff });
    assert.match(csvErrors.body, /^line,item,field,code,message\n/);
    assert.equal(csvErrors.body.trim().split('\n').length, 7);
  });

  it('rejects a category cycle, naming the rows on it', async () => {
    const csv = 'slug,name,parent\nloop-a,Loop A,loop-b\nloop-b,Loop B,loop-a\nshoes,Shoes,\n';
    const { job, errors } = await runImport('categories', 'text/csv', csv);
    assert.deepEqual(job.items, { created: 1, updated: 0, unchanged: 0, failed: 2 });
    assert.deepEqual(errors.map((e: any) => [e.line, e.code]), [[2, 'category-cycle'], [3, 'category-cycle']]);
    assert.match(errors[0].message, /loop-a \(line 2\) → loop-b \(line 3\) → loop-a/);
  });

  it('round-trips: an export imported again changes nothing (CSV and NDJSON)', async () => {
    for (const format of ['csv', 'ndjson'] as const) {
      const exported = await svc.request('GET', `/api/catalog/exports/products?format=${format}`, { token: staff });
      assert.equal(exported.statusCode, 200);
      const [eventsBefore, versionsBefore] = [await productEvents(), await versions()];
      const { job, errors } = await runImport('products', format === 'csv' ? 'text/csv' : 'application/x-ndjson', exported.body);
      assert.deepEqual(errors, [], format);
      assert.equal(job.items.unchanged, versionsBefore.length, `${format}: ${JSON.stringify(job.items)}`);
      assert.equal(job.items.created + job.items.updated, 0);
      assert.equal(await productEvents(), eventsBefore);
    }
  });

  it('refuses uploads from non-staff and in other content types', async () => {
    const customer = await svc.issuer.mint({ sub: 'acct_c', roles: ['customer'] });
    const forbidden = await svc.request('POST', '/api/catalog/imports', { token: customer, body: PRODUCTS_CSV, headers: { 'content-type': 'text/csv' } });
    assert.equal(forbidden.statusCode, 403);
    const json = await svc.request('POST', '/api/catalog/imports', { token: staff, body: { a: 1 } });
    assert.equal(json.statusCode, 415);
  });
});
