import assert from 'node:assert/strict';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { initialBundle } from '../../scripts/lib/initial-bundle.ts';

const KiB = 1024;
const STOREFRONT_JS_BUDGET = 150 * KiB;

/** The test command builds the apps first; these budgets hold for what a visitor downloads. */
describe('web apps: size budgets', () => {
  it(`the storefront's first visit loads at most ${STOREFRONT_JS_BUDGET / KiB} KiB of JavaScript (gzip), split from the other pages`, async () => {
    const bundle = await initialBundle(join(import.meta.dirname, '../../apps/storefront/dist'));
    assert.ok(bundle.files.some((f) => f.path.endsWith('.js')), 'an entry script');
    assert.ok(bundle.jsGzipBytes <= STOREFRONT_JS_BUDGET, `${(bundle.jsGzipBytes / KiB).toFixed(1)} KiB gzip: ${bundle.files.map((f) => f.path).join(', ')}`);
  });
});
