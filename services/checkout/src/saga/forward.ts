import { ProblemError } from '@mercato/kit';
import { redeemerOf, type CartSnapshot, type Checkout, type LockedQuote, type SagaData, type Secrets } from '../domain/checkout.ts';
import type { Step } from '../domain/steps.ts';
import { checkoutErrors } from '../errors.ts';
import { failure, upstreamFailure } from './failures.ts';
import type { Intent, Participants, QuoteAnswer } from './participants.ts';
import { failedWith, isTransient } from './remote.ts';

/** What a forward step needs: the saga so far, the remote calls, and a way to save partial progress. */
export interface StepRun {
  checkout: Checkout;
  secrets: Secrets;
  participants: Participants;
  /** Saves data learnt in the middle of a step (e.g. each coupon redeemed), without moving on. */
  save(data: SagaData): Promise<void>;
  /** Waits between polls of a pending payment, keeping the lease; false when the deadline passed. */
  pause(): Promise<boolean>;
  /** Renews the lease before a call that must not overlap with another instance resuming the saga. */
  keepLease(): Promise<void>;
}

/** A step's outcome: the data to save with the move to the next step. */
export type StepResult = SagaData;

/** A 4xx from a participant ends the checkout with that participant's problem; anything else is retried. */
function definitive(error: unknown, extensions?: Record<string, unknown>): never {
  if (error instanceof ProblemError && !isTransient(error)) throw upstreamFailure(error, extensions);
  throw error;
}

export const forwardSteps: Record<Step, (run: StepRun) => Promise<StepResult>> = {
  /** Locks the cart (the cart service checks the caller owns it) and keeps what it held then. */
  async validate({ checkout, secrets, participants }) {
    const { request } = checkout.data;
    if (request.accountId === null && !secrets.cartToken) {
      throw failure(checkoutErrors.checkoutInterrupted, 'The checkout stopped before the cart was locked');
    }
    const cart = await participants.lockCart(checkout.id, request.cartId, { accountId: request.accountId, cartToken: secrets.cartToken }).catch((e) => definitive(e));
    return { ...checkout.data, cart: snapshot(cart) };
  },

  /** Holds every line (all or nothing); a shortage names the SKUs. */
  async reserve({ checkout, participants }) {
    const cart = checkout.data.cart!;
    try {
      const reservation = await participants.reserve(checkout.id, cart.lines.map(({ sku, quantity }) => ({ sku, quantity })));
      return { ...checkout.data, reservationId: reservation.id };
    } catch (error) {
      if (failedWith(error, 'insufficient-stock')) {
        const shortages = ((error as ProblemError).extensions.shortages ?? []) as Array<{ sku: string; requested: number; available: number }>;
        throw upstreamFailure(error as ProblemError, { skus: shortages.map((s) => s.sku) });
      }
      return definitive(error);
    }
  },

  /** Redeems the coupons the cart applied (one use each, reference = checkout), then locks the final quote. */
  async price(run) {
    const { checkout, participants } = run;
    let data = checkout.data;
    const cart = data.cart!;
    const redemptions = [...(data.redemptions ?? [])];
    for (const coupon of cart.coupons.filter((c) => c.status === 'applied')) {
      if (redemptions.some((r) => r.code === coupon.code)) continue;
      const redemption = await participants.redeem(checkout.id, coupon.code, redeemerOf(data.request)).catch((e) => definitive(e, { coupon: coupon.code }));
      redemptions.push({ code: coupon.code, id: redemption.id });
      data = { ...data, redemptions: [...redemptions] };
      await run.save(data);
    }
    const quote = await participants.quote(checkout.id, cart, data.request.accountId, redemptions.map((r) => r.code)).catch((e) => definitive(e));
    // A redeemed coupon the final quote does not apply gives its use back.
    const unused = redemptions.filter((r) => !quote.coupons.some((c) => c.applied && c.code.toUpperCase() === r.code));
    for (const r of unused) await participants.releaseRedemption(checkout.id, r.id);
    const kept = redemptions.filter((r) => !unused.includes(r));
    return { ...data, redemptions: kept, quote: lockQuote(quote, kept.map((r) => r.code)) };
  },

  /**
   * Authorizes the final amount. The card number lives only in the request that started the
   * checkout: a resumed saga can only find the intent that request created (by reference).
   */
  async authorize(run) {
    const { checkout, secrets, participants } = run;
    let data = checkout.data;
    const quote = data.quote!;
    let intent: Intent | undefined = data.intent ? await participants.intent(data.intent.id) : undefined;
    if (!intent && secrets.card) {
      await run.keepLease();
      const input = { orderId: data.orderId, accountId: data.request.accountId, amount: quote.totals.grandTotal, currency: data.cart!.currency, card: secrets.card };
      intent = await participants.authorize(checkout.id, input).catch((e) => definitive(e));
    }
    intent ??= await participants.intentOf(checkout.id);
    if (!intent) throw failure(checkoutErrors.checkoutInterrupted, 'The checkout stopped before the payment was authorized');
    data = { ...data, intent: { id: intent.id, status: intent.status, amount: intent.amount } };
    await run.save(data);
    while (intent.status === 'pending') {
      if (!(await run.pause())) throw failure(checkoutErrors.paymentTimeout, 'The payment was still pending at the checkout deadline', { intentId: intent.id });
      intent = await participants.intent(intent.id);
    }
    data = { ...data, intent: { id: intent.id, status: intent.status, amount: intent.amount } };
    if (intent.status === 'authorized') return data;
    const reason = intent.failure?.code ?? intent.status;
    const extensions = { intentId: intent.id, reason };
    if (intent.status === 'declined') throw failure(checkoutErrors.paymentDeclined, intent.failure?.message ?? 'The card was declined', extensions);
    if (reason === 'provider-timeout') throw failure(checkoutErrors.paymentTimeout, intent.failure?.message ?? 'The payment provider did not answer in time', extensions);
    throw failure(checkoutErrors.paymentFailed, intent.failure?.message ?? `The payment intent is ${intent.status}`, extensions);
  },

  /** Places the order under the id chosen when the checkout started (placing it again answers the same order). */
  async place({ checkout, participants }) {
    const { request, cart, quote, intent, orderId, reservationId, redemptions } = checkout.data;
    const order = {
      id: orderId,
      checkoutId: checkout.id,
      accountId: request.accountId,
      email: request.email,
      currency: cart!.currency,
      channel: cart!.channel,
      taxMode: quote!.taxMode,
      lines: quote!.lines,
      discounts: quote!.discounts.map(({ code, amount, name }) => ({ code, amount, name })),
      coupons: quote!.coupons,
      totals: quote!.totals,
      shippingMethod: cart!.shipping.method,
      shippingAddress: request.shippingAddress,
      billingAddress: request.billingAddress,
      payment: { intentId: intent!.id, amount: intent!.amount },
      reservationId: reservationId ?? null,
      redemptionIds: (redemptions ?? []).map((r) => r.id),
    };
    try {
      await participants.placeOrder(checkout.id, order);
    } catch (error) {
      if (error instanceof ProblemError && !isTransient(error)) throw failure(checkoutErrors.orderRejected, `${error.spec.code}: ${error.message}`, { upstream: error.spec.code });
      throw error;
    }
    return checkout.data;
  },

  /**
   * Makes the holds final: stock leaves the shelf, coupon uses count, the cart is closed. The order
   * exists, so nothing is rolled back from here; what cannot be confirmed is recorded as a warning.
   */
  async confirm({ checkout, participants }) {
    const data = checkout.data;
    const warnings = [...(data.warnings ?? [])];
    const settle = async (what: string, action: () => Promise<unknown>) => {
      try {
        await action();
      } catch (error) {
        if (isTransient(error)) throw error;
        warnings.push(`${what}: ${(error as Error).message}`);
      }
    };
    if (data.reservationId) await settle(`reservation ${data.reservationId}`, () => participants.commitReservation(checkout.id, data.reservationId!));
    for (const r of data.redemptions ?? []) await settle(`redemption ${r.id}`, () => participants.commitRedemption(checkout.id, r.id));
    await settle(`cart ${data.request.cartId}`, () => participants.completeCart(checkout.id, data.request.cartId, data.orderId));
    return warnings.length > 0 ? { ...data, warnings } : data;
  },
};

function snapshot(cart: CartSnapshot): CartSnapshot {
  const { id, currency, channel, taxMode, shipping, lines, coupons, totals, version } = cart;
  return {
    id, currency, channel, taxMode, shipping, version, totals,
    lines: lines.map(({ sku, quantity, unitPrice, lineTotal, discount, tax }) => ({ sku, quantity, unitPrice, lineTotal, discount, tax })),
    coupons: coupons.map(({ code, status, amount }) => ({ code, status, amount })),
  };
}

function lockQuote(quote: QuoteAnswer, coupons: string[]): LockedQuote {
  return {
    taxMode: quote.taxMode,
    lines: quote.lines.map((l) => ({ sku: l.sku, quantity: l.quantity, unitPrice: l.unitPrice, lineTotal: l.lineTotal, discount: l.discount, taxAmount: l.tax.amount })),
    discounts: quote.discounts.map((d) => ({ code: d.code, amount: d.amount, name: d.name, coupon: d.coupon })),
    coupons,
    totals: { subtotal: quote.subtotal, discountTotal: quote.discountTotal, taxTotal: quote.taxTotal, shippingTotal: quote.shipping.amount, grandTotal: quote.grandTotal },
  };
}
