import type { ServiceClient } from '@mercato/kit';
import type { CheckoutConfig } from '../config.ts';
import type { Address, CartSnapshot } from '../domain/checkout.ts';
import type { CheckoutContext } from '../store/context.ts';
import { send, stepKey } from './remote.ts';

/** A payment intent as the payments service answers it (the fields the saga reads). */
export interface Intent {
  id: string;
  status: 'pending' | 'authorized' | 'declined' | 'failed' | 'voided' | 'captured' | 'partially_refunded' | 'refunded';
  amount: number;
  failure: { code: string; message: string } | null;
}

export interface QuoteAnswer {
  taxMode: 'gross' | 'net';
  lines: Array<{ sku: string; quantity: number; unitPrice: number; lineTotal: number; discount: number; tax: { amount: number } }>;
  discounts: Array<{ code: string; amount: number; name: string; coupon: string | null }>;
  coupons: Array<{ code: string; applied: boolean; reason: string | null; detail: string }>;
  subtotal: number;
  discountTotal: number;
  shipping: { amount: number };
  taxTotal: number;
  grandTotal: number;
}

export interface PlaceOrder {
  id: string;
  checkoutId: string;
  accountId: string | null;
  email: string;
  currency: string;
  channel: string;
  taxMode: string;
  lines: Array<{ sku: string; quantity: number; unitPrice: number; lineTotal: number; discount: number; taxAmount: number }>;
  discounts: Array<{ code: string; amount: number; name: string }>;
  coupons: string[];
  totals: { subtotal: number; discountTotal: number; taxTotal: number; shippingTotal: number; grandTotal: number };
  shippingMethod: string;
  shippingAddress: Address;
  billingAddress: Address;
  payment: { intentId: string; amount: number };
  reservationId: string | null;
  redemptionIds: string[];
}

/** The calls the saga makes, one method per remote action; each is safe to repeat for the same checkout. */
export class Participants {
  private readonly cart: ServiceClient;
  private readonly inventory: ServiceClient;
  private readonly pricing: ServiceClient;
  private readonly payments: ServiceClient;
  private readonly orders: ServiceClient;
  private readonly timeoutMs: number;

  constructor(ctx: CheckoutContext, private readonly config: CheckoutConfig) {
    this.cart = ctx.client('cart');
    this.inventory = ctx.client('inventory');
    this.pricing = ctx.client('pricing');
    this.payments = ctx.client('payments');
    this.orders = ctx.client('orders');
    this.timeoutMs = config.CHECKOUT_STEP_TIMEOUT_MS;
  }

  lockCart(checkoutId: string, cartId: string, owner: { accountId: string | null; cartToken?: string }): Promise<CartSnapshot> {
    const body = { checkoutId, accountId: owner.accountId, ...(owner.cartToken ? { cartToken: owner.cartToken } : {}) };
    return send(this.cart, `/api/cart/carts/${encodeURIComponent(cartId)}/checkout/lock`, { body, key: stepKey(checkoutId, 'validate'), timeoutMs: this.timeoutMs });
  }

  completeCart(checkoutId: string, cartId: string, orderId: string): Promise<unknown> {
    return send(this.cart, `/api/cart/carts/${encodeURIComponent(cartId)}/checkout/complete`, { body: { checkoutId, orderId }, key: stepKey(checkoutId, 'confirm', 'cart'), timeoutMs: this.timeoutMs });
  }

  releaseCart(checkoutId: string, cartId: string): Promise<unknown> {
    return send(this.cart, `/api/cart/carts/${encodeURIComponent(cartId)}/checkout/release`, { body: { checkoutId }, key: stepKey(checkoutId, 'release-cart'), timeoutMs: this.timeoutMs });
  }

  /** Holds the cart's lines (reference: the checkout id); the same key answers the same reservation. */
  reserve(checkoutId: string, lines: Array<{ sku: string; quantity: number }>): Promise<{ id: string }> {
    const body = { reference: checkoutId, ttlSeconds: this.config.CHECKOUT_RESERVATION_TTL_S, lines };
    return send(this.inventory, '/api/inventory/reservations', { body, key: stepKey(checkoutId, 'reserve'), timeoutMs: this.timeoutMs });
  }

  commitReservation(checkoutId: string, id: string): Promise<unknown> {
    return send(this.inventory, `/api/inventory/reservations/${encodeURIComponent(id)}/commit`, { key: stepKey(checkoutId, 'confirm', 'reservation'), timeoutMs: this.timeoutMs });
  }

  releaseReservation(checkoutId: string, id: string): Promise<unknown> {
    return send(this.inventory, `/api/inventory/reservations/${encodeURIComponent(id)}/release`, { key: stepKey(checkoutId, 'release-reservation'), timeoutMs: this.timeoutMs });
  }

  /** Reserves one use of a coupon (reference: the checkout id); the same key answers the same redemption. */
  redeem(checkoutId: string, code: string, accountId: string): Promise<{ id: string }> {
    return send(this.pricing, '/api/pricing/coupons/redemptions', { body: { code, accountId, reference: checkoutId }, key: stepKey(checkoutId, 'price', code), timeoutMs: this.timeoutMs });
  }

  commitRedemption(checkoutId: string, id: string): Promise<unknown> {
    return send(this.pricing, `/api/pricing/coupons/redemptions/${encodeURIComponent(id)}/commit`, { key: stepKey(checkoutId, 'confirm', id), timeoutMs: this.timeoutMs });
  }

  releaseRedemption(checkoutId: string, id: string): Promise<unknown> {
    return send(this.pricing, `/api/pricing/coupons/redemptions/${encodeURIComponent(id)}/release`, { key: stepKey(checkoutId, 'release-redemptions', id), timeoutMs: this.timeoutMs });
  }

  /** The final quote; its own redemptions (reference) do not count against the coupons' limits. */
  quote(checkoutId: string, cart: CartSnapshot, accountId: string | null, coupons: string[]): Promise<QuoteAnswer> {
    const body = {
      lines: cart.lines.map(({ sku, quantity }) => ({ sku, quantity })),
      currency: cart.currency,
      channel: cart.channel,
      ...(accountId ? { accountId } : {}),
      shipping: cart.shipping,
      ...(coupons.length > 0 ? { coupons } : {}),
      reference: checkoutId,
    };
    return send(this.pricing, '/api/pricing/quotes', { body, timeoutMs: this.timeoutMs });
  }

  /** Authorizes the amount (reference: the checkout id; the same key or reference answers the same intent). */
  authorize(checkoutId: string, input: { orderId: string; accountId: string | null; amount: number; currency: string; card: object }): Promise<Intent> {
    return send(this.payments, '/api/payments/intents', { body: { reference: checkoutId, ...input }, key: stepKey(checkoutId, 'authorize'), timeoutMs: this.timeoutMs });
  }

  intent(id: string): Promise<Intent> {
    return this.payments.json<Intent>(`/api/payments/intents/${encodeURIComponent(id)}`, { timeoutMs: this.timeoutMs });
  }

  /** The intent of this checkout, if the authorization got as far as creating one. */
  async intentOf(checkoutId: string): Promise<Intent | undefined> {
    const page = await this.payments.json<{ items: Intent[] }>('/api/payments/intents', { query: { reference: checkoutId }, timeoutMs: this.timeoutMs });
    return page.items[0];
  }

  voidIntent(checkoutId: string, id: string): Promise<Intent> {
    return send(this.payments, `/api/payments/intents/${encodeURIComponent(id)}/void`, { key: stepKey(checkoutId, 'void'), timeoutMs: this.timeoutMs });
  }

  /** Places the order under the id chosen at the start; the same id again answers the existing order. */
  placeOrder(checkoutId: string, order: PlaceOrder): Promise<{ id: string }> {
    return send(this.orders, '/api/orders/orders', { body: order, key: stepKey(checkoutId, 'place'), timeoutMs: this.timeoutMs });
  }
}
