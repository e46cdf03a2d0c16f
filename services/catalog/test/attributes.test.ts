import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { attributeDeleted, attributeUpserted } from '@mercato/contracts';
import type { TestService } from '@mercato/testing';
import { assertFitsContract, assertProblem, fieldsOf, outbox, outboxSize, startCatalog } from './helpers.ts';

const options = (...codes: string[]) => codes.map((code) => ({ code, label: { en: code } }));

describe('catalog attribute definitions', () => {
  let svc: TestService;
  let staff: string;
  let customer: string;
  before(async () => {
    ({ svc, staff, customer } = await startCatalog());
  });
  after(() => svc.stop());

  const define = (body: Record<string, unknown>, token = staff) => svc.request('POST', '/api/catalog/attributes', { token, body: { label: { en: String(body.code) }, ...body } });
  const patch = (code: string, body: unknown, version: number) =>
    svc.request('PATCH', `/api/catalog/attributes/${code}`, { token: staff, body, headers: { 'if-match': `"${version}"` } });
  const useIn = (handle: string, attributes: Record<string, unknown>, variantAttributes: Record<string, unknown> = {}) =>
    svc.request('POST', '/api/catalog/products', {
      token: staff,
      body: { handle, name: handle, attributes, variants: [{ sku: handle.toUpperCase(), name: handle, attributes: variantAttributes }] },
    });

  it('defines an attribute with defaults, readable by code by anyone, with its event', async () => {
    const created = await define({ code: 'finish', type: 'enum', options: options('matte', 'gloss'), facetable: true });
    assert.equal(created.statusCode, 201, created.body);
    assert.equal(created.headers.location, '/api/catalog/attributes/finish');
    const expected = {
      code: 'finish',
      type: 'enum',
      label: { en: 'finish' },
      localized: false,
      scope: 'product',
      options: options('matte', 'gloss'),
      unit: null,
      facetable: true,
      searchable: false,
      version: 1,
    };
    const read = await svc.request('GET', '/api/catalog/attributes/finish');
    assert.deepEqual(read.json(), expected);
    assert.equal(read.headers.etag, '"1"');
    assert.ok((await svc.request('GET', '/api/catalog/attributes')).json().items.some((a: { code: string }) => a.code === 'finish'));
    const [event] = await outbox(svc, { subject: 'finish' });
    assertFitsContract(event!, attributeUpserted);
    assert.deepEqual(event!.data, expected);
  });

  it('refuses writes without a token or with a customer token', async () => {
    assertProblem(await svc.request('POST', '/api/catalog/attributes', { body: { code: 'anon', type: 'text', label: { en: 'x' } } }), 401, 'unauthorized');
    assertProblem(await define({ code: 'cust', type: 'text' }, customer), 403, 'forbidden');
  });

  it('refuses an inconsistent definition or a taken code, naming the field, writing nothing', async () => {
    const events = await outboxSize(svc);
    assert.deepEqual(fieldsOf(assertProblem(await define({ code: 'noopts', type: 'enum' }), 422, 'invalid-attribute-definition')), ['options']);
    assert.deepEqual(fieldsOf(assertProblem(await define({ code: 'textopts', type: 'text', options: options('a') }), 422, 'invalid-attribute-definition')), ['options']);
    assert.deepEqual(fieldsOf(assertProblem(await define({ code: 'locnum', type: 'number', localized: true }), 422, 'invalid-attribute-definition')), ['localized']);
    assert.deepEqual(fieldsOf(assertProblem(await define({ code: 'dupopt', type: 'enum', options: options('a', 'a') }), 422, 'invalid-attribute-definition')), [
      'options[1].code',
    ]);
    assertProblem(await svc.request('GET', '/api/catalog/attributes/noopts'), 404, 'attribute-not-found');
    await define({ code: 'taken', type: 'boolean' });
    const before = await outboxSize(svc);
    assertProblem(await define({ code: 'taken', type: 'number' }), 409, 'attribute-code-taken');
    assert.equal(await outboxSize(svc), before);
    assert.equal(before, events + 1);
  });

  it('changes a definition with If-Match: 428 without, 412 when stale', async () => {
    await define({ code: 'weight', type: 'number', unit: 'g' });
    assertProblem(await svc.request('PATCH', '/api/catalog/attributes/weight', { token: staff, body: { unit: 'kg' } }), 428, 'precondition-required');
    const changed = await patch('weight', { unit: 'kg', facetable: true }, 1);
    assert.equal(changed.statusCode, 200, changed.body);
    assert.deepEqual([changed.json().unit, changed.json().facetable, changed.json().version, changed.headers.etag], ['kg', true, 2, '"2"']);
    assertProblem(await patch('weight', { unit: 'lb' }, 1), 412, 'precondition-failed');
    const cleared = await patch('weight', { unit: null }, 2);
    assert.equal(cleared.json().unit, null);
    assert.equal((await outbox(svc, { subject: 'weight' })).length, 3);
  });

  it('lets the type change while unused, and locks type, scope and localization once products use it', async () => {
    await define({ code: 'grade', type: 'text' });
    const retyped = await patch('grade', { type: 'number' }, 1);
    assert.equal(retyped.statusCode, 200, retyped.body);
    assert.equal((await useIn('graded', { grade: 3 })).statusCode, 201);

    const events = await outboxSize(svc);
    const locked = assertProblem(await patch('grade', { type: 'text' }, 2), 409, 'attribute-shape-locked');
    assert.deepEqual(fieldsOf(locked), ['type']);
    assert.deepEqual(fieldsOf(assertProblem(await patch('grade', { scope: 'variant' }, 2), 409, 'attribute-shape-locked')), ['scope']);
    assert.equal((await svc.request('GET', '/api/catalog/attributes/grade')).json().type, 'number');
    assert.equal(await outboxSize(svc), events);
    assert.equal((await patch('grade', { label: { en: 'Grade', de: 'Stufe' } }, 2)).statusCode, 200, 'a label may still change');
  });

  it('refuses to remove an enum option products or variants use, but allows adding and removing unused ones', async () => {
    await define({ code: 'shade', type: 'enum', scope: 'variant', options: options('light', 'dark', 'unused') });
    assert.equal((await useIn('shaded', {}, { shade: 'dark' })).statusCode, 201);
    const events = await outboxSize(svc);
    const refused = assertProblem(await patch('shade', { options: options('light') }, 1), 409, 'attribute-option-in-use');
    assert.deepEqual(refused.options, ['dark']);
    assert.deepEqual(fieldsOf(refused), ['options']);
    assert.equal(await outboxSize(svc), events);
    const ok = await patch('shade', { options: options('light', 'dark', 'medium') }, 1);
    assert.equal(ok.statusCode, 200, ok.body);
    assert.deepEqual(ok.json().options.map((o: { code: string }) => o.code), ['light', 'dark', 'medium']);
  });

  it('refuses to delete an attribute in use; deletes an unused one with its event', async () => {
    await define({ code: 'vegan', type: 'boolean' });
    assert.equal((await useIn('vegan-bar', { vegan: true })).statusCode, 201);
    assertProblem(await svc.request('DELETE', '/api/catalog/attributes/vegan', { token: staff }), 409, 'attribute-in-use');
    await define({ code: 'spare', type: 'boolean' });
    assertProblem(await svc.request('DELETE', '/api/catalog/attributes/spare', { token: staff, headers: { 'if-match': '"9"' } }), 412, 'precondition-failed');
    assert.equal((await svc.request('DELETE', '/api/catalog/attributes/spare', { token: staff })).statusCode, 204);
    const last = (await outbox(svc, { subject: 'spare' })).at(-1)!;
    assertFitsContract(last, attributeDeleted);
    assert.deepEqual(last.data, { code: 'spare' });
    assertProblem(await svc.request('DELETE', '/api/catalog/attributes/spare', { token: staff }), 404, 'attribute-not-found');
  });
});
