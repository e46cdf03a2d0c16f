import type { FastifyRequest } from 'fastify';
import { kitErrors, problem, ProblemError, type ServiceContext } from '@mercato/kit';
import { createLoaders, type Loaders } from './loaders.ts';
import { money } from './money.ts';
import { fromCatalog, ProductReader, type ProductSource } from './products.ts';
import { searchProducts, type SearchArgs, type SearchResult } from './search.ts';
import type { AccountBody, AddressBody, CartBody, CheckoutBody, OrderSummaryBody, ShippingMethodBody, SuggestAnswer } from './types.ts';
import { Upstream } from './upstream.ts';
import { addressView, cartView, checkoutView, orderSummaryView, orderView, type CartView, type CheckoutView, type OrderView } from './views.ts';

/** How the BFF is set up: the currency prices are shown in, timeouts. */
export interface BffOptions {
  currency: string;
  timeoutMs: number;
  /** A checkout answers when its saga has ended: payment included. */
  checkoutTimeoutMs: number;
}

export interface AddressInput {
  name: string;
  line1: string;
  line2?: string | null;
  postalCode: string;
  city: string;
  country: string;
}

export interface CheckoutInput {
  cartId: string;
  email: string;
  shippingAddress: AddressInput;
  billingAddress?: AddressInput | null;
  card: { number: string; expiry?: string | null; cvc?: string | null };
}

const path = (...parts: string[]) => parts.map(encodeURIComponent).join('/');

/**
 * The composition layer both BFFs share: one per request, it knows which service answers what, and
 * fetches through the request's loaders so that lists cost a constant number of calls. The GraphQL
 * resolvers and the mobile routes are thin adapters over it.
 */
export class Bff {
  readonly up: Upstream;
  readonly loaders: Loaders;
  readonly products: ProductReader;

  constructor(
    ctx: ServiceContext,
    readonly request: FastifyRequest,
    readonly channel: 'web' | 'mobile',
    private readonly options: BffOptions,
  ) {
    this.up = new Upstream(ctx, request, options.timeoutMs);
    this.loaders = createLoaders(this.up, { currency: options.currency, channel });
    this.products = new ProductReader(this.loaders, options.currency);
  }

  get signedIn(): boolean {
    return this.request.principal !== null;
  }

  // Catalog and search

  search(args: SearchArgs): Promise<SearchResult> {
    return searchProducts(this.up, this.loaders, this.channel, args);
  }

  async suggest(q: string, first: number): Promise<{ completions: Array<{ text: string }>; products: ProductSource[] }> {
    const answer = await this.up.get<SuggestAnswer>('search', '/api/search/suggest', { q, limit: Math.min(Math.max(first, 1), 20), channel: this.channel });
    // Suggested products carry no SKUs: their details (and so prices) come from the catalog by handle.
    return {
      completions: answer.completions.map((c) => ({ text: c.text })),
      products: answer.products.map((p) => ({ id: p.id, handle: p.handle, name: p.name, image: p.image, skus: [] })),
    };
  }

  async product(handle: string): Promise<ProductSource | null> {
    const product = await this.loaders.productsByHandle.load(handle);
    return product ? fromCatalog(product) : null;
  }

  async productOfSku(sku: string): Promise<ProductSource | null> {
    const product = await this.loaders.productsBySku.load(sku);
    return product ? fromCatalog(product) : null;
  }

  categories() {
    return this.loaders.categoryTree();
  }

  async shippingMethods(country: string) {
    const { items } = await this.up.get<{ items: ShippingMethodBody[] }>('pricing', '/api/pricing/shipping-methods');
    return items
      .filter((method) => method.active && method.rates.some((rate) => rate.currency === this.options.currency))
      .map((method) => {
        // Rates are per tax zone, which are staff-only: a price shows when every zone charges the same flat amount.
        const amounts = new Set(method.rates.filter((r) => r.currency === this.options.currency).map((r) => (r.kind === 'flat' ? r.amount : undefined)));
        const [amount] = [...amounts];
        return { code: method.code, name: method.name, country, price: amounts.size === 1 && amount !== undefined ? money(amount, this.options.currency) : null };
      });
  }

  // Carts: guest carts are reached with the viewer's cart-token header, customer carts with the token.

  async cart(id: string): Promise<CartView> {
    return cartView(await this.up.get<CartBody>('cart', `/api/cart/carts/${path(id)}`));
  }

  private async cartWrite(method: string, suffix: string, body?: unknown): Promise<CartView> {
    return cartView(await this.up.send<CartBody>(method, 'cart', suffix ? `/api/cart/carts/${suffix}` : '/api/cart/carts', body));
  }

  createCart(currency: string) {
    return this.cartWrite('POST', '', { currency, channel: this.channel });
  }
  addToCart(cartId: string, sku: string, quantity: number) {
    return this.cartWrite('POST', `${path(cartId)}/lines`, { sku, quantity });
  }
  updateCartLine(cartId: string, sku: string, quantity: number) {
    return this.cartWrite('PATCH', path(cartId, 'lines', sku), { quantity });
  }
  removeCartLine(cartId: string, sku: string) {
    return this.cartWrite('DELETE', path(cartId, 'lines', sku));
  }
  setShipping(cartId: string, country: string, method: string) {
    return this.cartWrite('PUT', `${path(cartId)}/shipping`, { country, method });
  }
  applyCoupon(cartId: string, code: string) {
    return this.cartWrite('POST', `${path(cartId)}/coupons`, { code });
  }
  removeCoupon(cartId: string, code: string) {
    return this.cartWrite('DELETE', path(cartId, 'coupons', code));
  }
  mergeCart(guestCartId: string) {
    return this.cartWrite('POST', 'mine/merge', { guestCartId });
  }

  /** The signed-in viewer's open cart, or null (guests keep their cart's id and token themselves). */
  async myCart(): Promise<CartView | null> {
    if (!this.signedIn) return null;
    try {
      return cartView(await this.up.get<CartBody>('cart', '/api/cart/carts/mine'));
    } catch (error) {
      if (error instanceof ProblemError && error.status === 404) return null;
      throw error;
    }
  }

  // Checkout and orders

  /** Places the order; a failure (e.g. a declined card, 402 `payment-declined`) is raised as the checkout's problem. */
  async checkout(input: CheckoutInput, idempotencyKey: string): Promise<CheckoutView> {
    const body = {
      cartId: input.cartId,
      email: input.email,
      shippingAddress: address(input.shippingAddress),
      ...(input.billingAddress ? { billingAddress: address(input.billingAddress) } : {}),
      payment: { card: card(input.card) },
    };
    const answer = await this.up.send<CheckoutBody>('POST', 'checkout', '/api/checkout/checkouts', body, {
      headers: { 'idempotency-key': idempotencyKey },
      timeoutMs: this.options.checkoutTimeoutMs,
    });
    return checkoutView(answer);
  }

  async checkoutById(id: string): Promise<CheckoutView> {
    return checkoutView(await this.up.get<CheckoutBody>('checkout', `/api/checkout/checkouts/${path(id)}`));
  }

  async order(id: string): Promise<OrderView> {
    const order = await this.loaders.orders.load(id);
    // Lines placed without a name are named from the catalog (one batched call for all of them).
    const unnamed = order.lines.filter((line) => !line.name).map((line) => line.sku);
    const products = unnamed.length ? await this.loaders.productsBySku.loadMany(unnamed) : [];
    const names = new Map<string, string>();
    products.forEach((product, i) => {
      const variant = product && !(product instanceof Error) ? product.variants.find((v) => v.sku === unnamed[i]) : undefined;
      if (variant) names.set(variant.sku, variant.name);
    });
    return orderView(order, names);
  }

  async myOrders(first: number) {
    if (!this.signedIn) return [];
    const { items } = await this.up.get<{ items: OrderSummaryBody[] }>('orders', '/api/orders/me/orders', { limit: Math.min(Math.max(first, 1), 100) });
    return items.map(orderSummaryView);
  }

  async account() {
    if (!this.signedIn) return null;
    const me = await this.up.get<AccountBody>('identity', '/api/identity/me');
    return { id: me.id, email: me.email, name: me.name || null, roles: me.roles };
  }

  async addresses() {
    if (!this.signedIn) return [];
    const { items } = await this.up.get<{ items: AddressBody[] }>('customers', '/api/customers/me/addresses');
    return items.map(addressView);
  }
}

function address(input: AddressInput) {
  return {
    name: input.name,
    line1: input.line1,
    ...(input.line2 ? { line2: input.line2 } : {}),
    postalCode: input.postalCode,
    city: input.city,
    country: input.country,
  };
}

/** A card as payments takes it; `expiry` is `MM/YY` or `MM/YYYY`. */
function card(input: CheckoutInput['card']) {
  const match = input.expiry ? /^\s*(\d{1,2})\s*\/\s*(\d{2}|\d{4})\s*$/.exec(input.expiry) : null;
  if (input.expiry && !match) throw problem(kitErrors.validationFailed, 'card.expiry must be MM/YY or MM/YYYY');
  return {
    number: input.number.replace(/[\s-]/g, ''),
    ...(match ? { expMonth: Number(match[1]), expYear: match[2]!.length === 2 ? 2000 + Number(match[2]) : Number(match[2]) } : {}),
    ...(input.cvc ? { cvc: input.cvc } : {}),
  };
}
