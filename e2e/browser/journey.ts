import assert from 'node:assert/strict';
import { mkdir } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import type { Browser, BrowserContext, Locator, Page } from 'playwright-core';

/** The test cards of the built-in payment provider. */
export const CARDS = { approve: '4242424242424242', decline: '4000000000000002' } as const;
const WAIT_MS = 15_000;

/** Runs `steps` on `page`; when they fail, keeps a screenshot under .test-data/browser-failures/ to look at. */
export async function recorded<T>(page: Page, name: string, steps: () => Promise<T>): Promise<T> {
  try {
    return await steps();
  } catch (error) {
    const path = join(import.meta.dirname, '../../.test-data/browser-failures', `${name}.png`);
    await mkdir(dirname(path), { recursive: true });
    await page.screenshot({ path, fullPage: true }).catch(() => undefined);
    throw Object.assign(error as Error, { message: `${(error as Error).message}\n(at ${page.url()}; screenshot: ${path})` });
  }
}

/** Waits until `locator` is visible (Playwright's own wait, with a clear failure). */
export async function visible(locator: Locator, timeout = WAIT_MS): Promise<Locator> {
  await locator.first().waitFor({ state: 'visible', timeout });
  return locator.first();
}

/** A fresh browser context (no cookies, no storage) with one page: a new visitor. */
export async function visitor(browser: Browser, base: string): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: base, viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  return { context, page: await context.newPage() };
}

/** Searches from the header box, narrows by the first value of the facet `legend`, and returns the result count text. */
export async function searchAndFilter(page: Page, query: string, legend: string): Promise<{ before: number; after: number }> {
  const box = await visible(page.getByRole('combobox', { name: 'Search products' }).or(page.getByRole('searchbox', { name: 'Search products' })));
  await box.fill(query);
  await box.press('Enter');
  await page.waitForURL(/\/search\?/);
  const before = await resultCount(page);
  assert.ok(before > 0, `"${query}" finds products`);
  const group = page.getByRole('group', { name: legend });
  const option = await visible(group.getByRole('checkbox'));
  const label = (await option.getAttribute('aria-label')) ?? (await group.locator('label').first().innerText());
  const expected = Number(/\((\d+)\)/.exec(label)?.[1]);
  // The listing reloads when a filter changes (the box is re-rendered): click, then wait for the new count.
  await option.click();
  await page.waitForFunction((n) => new RegExp(`\\b${n} products?\\b`).test(document.body.innerText), expected, { timeout: WAIT_MS });
  return { before, after: await resultCount(page) };
}

async function resultCount(page: Page): Promise<number> {
  const text = await visible(page.getByText(/^\d+ products?$/));
  return Number(/\d+/.exec(await text.innerText())![0]);
}

/** Opens the first result and adds it to the cart; returns the product's name. */
export async function addFirstResultToCart(page: Page): Promise<string> {
  const first = await visible(page.getByRole('main').getByRole('link').filter({ has: page.locator('h2, h3') }));
  await first.click();
  const name = await (await visible(page.getByRole('heading', { level: 1 }))).innerText();
  await visible(page.getByText('In stock'));
  await page.getByRole('button', { name: 'Add to cart' }).click();
  await visible(page.getByRole('status').filter({ hasText: 'Added to cart' }));
  return name;
}

/** Opens the cart from the header and checks that it holds `productName`. */
export async function openCart(page: Page, productName: string): Promise<void> {
  await page.getByRole('banner').getByRole('link', { name: /^Cart/ }).click();
  await visible(page.getByRole('heading', { name: 'Cart', level: 1 }));
  await visible(page.getByRole('spinbutton', { name: `Quantity of ${productName}` }));
}

/** Signs in through the identity service's page (OIDC code + PKCE) and comes back signed in. */
export async function signIn(page: Page, email: string, password: string): Promise<void> {
  // The shop's header has the button; the admin's signed-out page has nothing else.
  const scope = (await page.getByRole('banner').count()) > 0 ? page.getByRole('banner') : page.getByRole('main').or(page.locator('body')).first();
  await scope.getByRole('button', { name: 'Sign in' }).or(scope.getByRole('link', { name: 'Sign in' })).first().click();
  await page.waitForURL(/\/oidc\/interaction\//, { timeout: WAIT_MS });
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(password);
  await page.getByRole('button').first().click();
}

/** Fills the checkout form (what is not prefilled), pays with `card` and places the order. */
export async function placeOrder(page: Page, buyer: { email: string; name: string }, card: string): Promise<void> {
  await visible(page.getByRole('heading', { name: 'Checkout', level: 1 }));
  const fill = async (label: string, value: string) => {
    const input = page.getByLabel(label, { exact: true });
    if (!(await input.inputValue())) await input.fill(value);
  };
  await fill('Email', buyer.email);
  await fill('Full name', buyer.name);
  await fill('Address', 'Heidestraße 17');
  await fill('Postal code', '51147');
  await fill('City', 'Köln');
  await page.getByLabel('Country', { exact: true }).selectOption('DE');
  const methods = page.getByRole('group', { name: 'Shipping method' }).getByRole('radio');
  await (await visible(methods)).check();
  await page.getByLabel('Card number').fill(card);
  await page.getByRole('button', { name: 'Place order' }).click();
}

/** On the confirmation page: the order number shown. */
export async function confirmation(page: Page): Promise<void> {
  await visible(page.getByRole('heading', { name: 'Thank you for your order', level: 1 }), 30_000);
}

/** Staff: signs in to the admin, opens the order, and approves, prepares and ships it with tracking. */
export async function shipInAdmin(page: Page, admin: { email: string; password: string }, orderId: string, tracking: string): Promise<void> {
  await page.goto('/admin/');
  await signIn(page, admin.email, admin.password);
  await visible(page.getByRole('link', { name: 'Orders' }));
  await page.getByRole('link', { name: 'Orders' }).click();
  await visible(page.getByRole('heading', { name: 'Orders', level: 1 }));
  await page.goto(`/admin/orders/${orderId}`);
  await visible(page.getByRole('heading', { name: /^Order / }));
  for (const action of ['Approve', 'Prepare']) {
    // click() waits until the button is enabled, i.e. until the order allows the transition.
    await page.getByRole('button', { name: action, exact: true }).click();
    await visible(page.getByText(action === 'Approve' ? /approved/i : /prepared/i));
  }
  await page.getByRole('button', { name: 'Ship', exact: true }).click();
  await page.getByLabel('Carrier').fill('DHL');
  await page.getByLabel('Tracking number').fill(tracking);
  await page.getByRole('button', { name: 'Confirm shipment' }).click();
  await visible(page.getByText(/shipped/i));
}
