import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import { checkDoc, ERRORS_DOC, loadCatalogs, parseDoc, updateDoc, WHEN_PLACEHOLDER, type ErrorOwner } from './errors.ts';

describe('docs/reference/errors.md', () => {
  let owners: ErrorOwner[];
  let doc: string;
  before(async () => {
    owners = await loadCatalogs();
    doc = await readFile(ERRORS_DOC, 'utf8');
  });

  it('finds the kit catalog and every service catalog', () => {
    assert.equal(owners[0]?.name, 'kit');
    assert.ok(owners.length > 1, 'no services/*/src/errors.ts found');
    for (const owner of owners) assert.ok(owner.errors.length > 0, `${owner.name} declares no errors`);
  });

  it('documents every code with its status, title and type, and nothing else', () => {
    const problems = checkDoc(owners, parseDoc(doc));
    assert.deepEqual(problems, [], `errors.md is out of date (run \`npm run docs:errors\`, then explain new codes):\n  ${problems.join('\n  ')}`);
  });

  it('is exactly what the generator writes', () => {
    assert.ok(updateDoc(doc, owners) === doc, 'errors.md differs from the generated tables: run `npm run docs:errors`');
  });
});

describe('the error reference check', () => {
  const owners: ErrorOwner[] = [
    { name: 'kit', source: 'kit', errors: [{ code: 'not-found', status: 404, title: 'No such resource' }] },
    { name: 'shop', source: 'shop', errors: [{ code: 'cart-empty', status: 409, title: 'The cart is empty' }] },
  ];
  const explained = (markdown: string) => markdown.replaceAll(WHEN_PLACEHOLDER, 'Explained.');
  const fresh = explained(updateDoc(undefined, owners));

  it('accepts a document generated from the catalogs, and keeps the "when" text on regeneration', () => {
    assert.deepEqual(checkDoc(owners, parseDoc(fresh)), []);
    assert.equal(updateDoc(fresh, owners), fresh);
    const piped = fresh.replace('Explained.', 'An escaped \\| pipe.');
    assert.equal(parseDoc(piped)[0]?.when, 'An escaped | pipe.');
    assert.equal(updateDoc(piped, owners), piped);
  });

  it('fails on a missing code, a code no catalog declares, a changed status or title, and an unexplained code', () => {
    const added: ErrorOwner[] = [owners[0]!, { ...owners[1]!, errors: [...owners[1]!.errors, { code: 'cart-locked', status: 423, title: 'Locked' }] }];
    assert.deepEqual(checkDoc(added, parseDoc(fresh)), ['shop/cart-locked: missing from the document']);
    assert.deepEqual(checkDoc([owners[0]!, { ...owners[1]!, errors: [] }], parseDoc(fresh)), ['shop/cart-empty: documented but no catalog declares it']);
    const changed: ErrorOwner[] = [owners[0]!, { ...owners[1]!, errors: [{ code: 'cart-empty', status: 422, title: 'Empty cart' }] }];
    assert.deepEqual(checkDoc(changed, parseDoc(fresh)), [
      'shop/cart-empty: status is 422, the document says 409',
      'shop/cart-empty: title is "Empty cart", the document says "The cart is empty"',
    ]);
    const regenerated = updateDoc(fresh, added);
    assert.deepEqual(checkDoc(added, parseDoc(regenerated)), ['shop/cart-locked: explain when it is returned (the "when" column)']);
  });

  it('fails when two catalogs declare the same code (the type URI would be ambiguous)', () => {
    const twice: ErrorOwner[] = [owners[0]!, { ...owners[1]!, errors: [{ code: 'not-found', status: 404, title: 'No such resource' }] }];
    const problems = checkDoc(twice, parseDoc(explained(updateDoc(undefined, twice))));
    assert.deepEqual(problems, ['not-found: declared by kit and shop; codes must be unique across catalogs']);
  });
});
