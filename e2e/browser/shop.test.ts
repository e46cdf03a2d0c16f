import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import type { Browser } from 'playwright-core';
import { startPlatform, type TestPlatform } from '@mercato/testing';
import { launchChromium } from '@mercato/testing/browser.ts';
import { seedDemoShop } from '../../scripts/demo/shop.ts';
import { ADMIN, call, login } from '../support.ts';
import { addFirstResultToCart, CARDS, confirmation, openCart, placeOrder, recorded, searchAndFilter, shipInAdmin, signIn, visible, visitor } from './journey.ts';

const BUYER = { email: 'browser-buyer@example.com', password: 'correct horse battery', name: 'Erika Mustermann' };

/**
 * The storefront and the admin in real Chromium, against the whole platform (embedded) with the
 * demo shop: a visitor finds a product by search and facet, buys it, staff ships it, the customer
 * sees it shipped; a declined card is explained and leaves the cart as it was.
 */
describe('browser: storefront and admin in Chromium', () => {
  let platform: TestPlatform;
  let browser: Browser;
  before(async () => {
    // The demo shop's opening stock is a few 1,000-line receipts: on a machine busy with other test
    // files one can outlast the gateway's default upstream timeout.
    [platform, browser] = await Promise.all([startPlatform('embedded', { seed: true, env: { GATEWAY_UPSTREAM_TIMEOUT_MS: '60000' } }), launchChromium()]);
    await seedDemoShop(platform.url, ADMIN);
    const registered = await call(platform.url, 'POST', '/api/identity/accounts', { body: BUYER });
    assert.equal(registered.status, 201, JSON.stringify(registered.body));
  });
  after(async () => {
    await browser?.close();
    await platform?.stop();
  });

  it('a visitor searches, filters, buys with the approve card; staff ships it; the customer sees it shipped', async () => {
    const shopper = await visitor(browser, platform.url);
    const page = shopper.page;
    await recorded(page, 'buyer', async () => {
      await page.goto('/');
      const counts = await searchAndFilter(page, 'hoodie', 'Brand');
      assert.ok(counts.after > 0 && counts.after <= counts.before, `the facet narrows ${counts.before} to ${counts.after}`);
      const product = await addFirstResultToCart(page);
      await openCart(page, product);
      await page.getByRole('link', { name: 'Checkout' }).click();
      await signIn(page, BUYER.email, BUYER.password);
      // Back in the shop, signed in, with the cart that was built as a guest.
      const header = page.getByRole('banner');
      await visible(header.getByRole('link', { name: 'Account' }));
      await visible(header.getByRole('link', { name: /^Cart \(1\)/ }));
      if (!/\/checkout/.test(page.url())) await page.goto('/checkout');
      await placeOrder(page, BUYER, CARDS.approve);
      await confirmation(page);
    });

    const token = await login(platform.url, BUYER.email, BUYER.password);
    const mine = await call(platform.url, 'GET', '/api/orders/me/orders', { token });
    assert.equal(mine.body.items.length, 1, 'one order for the customer');
    const orderId = mine.body.items[0].id as string;

    const staff = await visitor(browser, platform.url);
    await recorded(staff.page, 'staff', () => shipInAdmin(staff.page, ADMIN, orderId, 'TRACK-0001'));
    const admin = await login(platform.url, ADMIN.email, ADMIN.password);
    assert.equal((await call(platform.url, 'GET', `/api/orders/orders/${orderId}`, { token: admin })).body.status, 'shipped');

    await recorded(page, 'customer-account', async () => {
      await page.goto('/account');
      await visible(page.getByRole('heading', { name: 'Your account', level: 1 }));
      await visible(page.getByText('Shipped', { exact: true }), 20_000);
    });
    await Promise.all([shopper.context.close(), staff.context.close()]);
  });

  it('a declined card says so and leaves the cart as it was', async () => {
    const { context, page } = await visitor(browser, platform.url);
    await recorded(page, 'declined', async () => {
      await page.goto('/');
      await searchAndFilter(page, 'mug', 'Category');
      const product = await addFirstResultToCart(page);
      await openCart(page, product);
      await page.getByRole('link', { name: 'Checkout' }).click();
      await placeOrder(page, { email: 'declined@example.com', name: 'Max Mustermann' }, CARDS.decline);
      await visible(page.getByRole('alert').filter({ hasText: /declined/i }), 30_000);
      await openCart(page, product);
      assert.equal(await page.getByRole('spinbutton', { name: `Quantity of ${product}` }).inputValue(), '1');
    });
    const orders = await call(platform.url, 'GET', '/api/orders/orders?limit=100', { token: await login(platform.url, ADMIN.email, ADMIN.password) });
    assert.equal(orders.status, 200);
    assert.ok(!orders.body.items.some((o: { email?: string }) => o.email === 'declined@example.com'), 'no order for the declined card');
    await context.close();
  });
});
