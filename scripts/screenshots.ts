/**
 * `npm run screenshots`: regenerates docs/screenshots/*.png — the storefront (home, product, cart,
 * order confirmation) and the admin (order board, system page) — from a fresh platform with the demo
 * shop, driven in Chromium exactly as the browser tests drive it.
 */
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { freePort, startEmbeddedPostgres } from '@mercato/kit';
import { TEST_SERVER_ENV } from '@mercato/testing';
import { ADMIN, call, login } from '../e2e/support.ts';
import { addFirstResultToCart, CARDS, confirmation, openCart, placeOrder, searchAndFilter, shipInAdmin, signIn, visible, visitor } from '../e2e/browser/journey.ts';
import { buildApps } from './lib/build-apps.ts';
import { seedDemoShop } from './demo/shop.ts';

const OUT = join(import.meta.dirname, '../docs/screenshots');
const BUYER = { email: 'erika@example.com', password: 'correct horse battery', name: 'Erika Mustermann' };

const pgDir = await mkdtemp(join(tmpdir(), 'mercato-screenshots-'));
const [postgres] = await Promise.all([startEmbeddedPostgres(pgDir, await freePort()), buildApps({ quiet: true }), mkdir(OUT, { recursive: true })]);
process.env[TEST_SERVER_ENV] = postgres.url;
process.env.MERCATO_ADMIN_PASSWORD = ADMIN.password;
const { startPlatform } = await import('@mercato/testing');
const { launchChromium } = await import('@mercato/testing/browser.ts');
const [platform, browser] = await Promise.all([startPlatform('embedded', { seed: true }), launchChromium()]);
try {
  await seedDemoShop(platform.url, ADMIN);
  await call(platform.url, 'POST', '/api/identity/accounts', { body: BUYER });
  const shot = async (page: import('playwright-core').Page, name: string) => {
    await page.waitForLoadState('networkidle');
    await page.screenshot({ path: join(OUT, `${name}.png`), fullPage: false });
    console.log(`docs/screenshots/${name}.png`);
  };

  const { page } = await visitor(browser, platform.url);
  await page.goto('/');
  await visible(page.getByRole('link', { name: /^Cart/ }));
  await shot(page, 'storefront-home');
  await searchAndFilter(page, 'hoodie', 'Brand');
  const product = await addFirstResultToCart(page);
  await shot(page, 'storefront-product');
  await openCart(page, product);
  await shot(page, 'storefront-cart');
  await page.getByRole('link', { name: 'Checkout' }).click();
  await signIn(page, BUYER.email, BUYER.password);
  await visible(page.getByRole('link', { name: 'Account' }));
  if (!/\/checkout/.test(page.url())) await page.goto('/checkout');
  await placeOrder(page, BUYER, CARDS.approve);
  await confirmation(page);
  await shot(page, 'storefront-confirmation');

  const orders = await call(platform.url, 'GET', '/api/orders/me/orders', { token: await login(platform.url, BUYER.email, BUYER.password) });
  const staff = await visitor(browser, platform.url);
  await shipInAdmin(staff.page, ADMIN, orders.body.items[0].id, 'DHL-0042');
  await staff.page.getByRole('link', { name: 'Orders' }).click();
  await visible(staff.page.getByRole('table'));
  await shot(staff.page, 'admin-orders');
  await staff.page.getByRole('link', { name: 'System' }).click();
  await visible(staff.page.getByRole('heading', { name: 'System', level: 1 }));
  await staff.page.waitForTimeout(6000); // two scrapes: request and error rates need a difference
  await shot(staff.page, 'admin-system');
} finally {
  await browser.close();
  await platform.stop();
  await postgres.stop();
  await rm(pgDir, { recursive: true, force: true });
}
