import { redeemerOf, type Checkout, type SagaData } from '../domain/checkout.ts';
import { reached, type Compensation, type Step } from '../domain/steps.ts';
import type { Participants } from './participants.ts';
import { failedWith, isTransient } from './remote.ts';

/** What a compensation needs: the saga, how far it got forward, and the remote calls. */
export interface CompensationRun {
  checkout: Checkout;
  /** The furthest step the saga started (its effects may exist even if the step was not saved). */
  reachedStep: Step;
  participants: Participants;
}

/** Runs an undo; a 4xx (nothing to undo, already undone) is recorded, a transient failure is retried by the caller. */
async function undo(warnings: string[], what: string, action: () => Promise<unknown>, ignore: Array<string | number> = [404]): Promise<void> {
  try {
    await action();
  } catch (error) {
    if (isTransient(error)) throw error;
    if (ignore.some((code) => failedWith(error, code))) return;
    warnings.push(`${what}: ${(error as Error).message}`);
  }
}

/** Replays a step's call with its Idempotency-Key to learn what it created, if it got that far; undefined if it did not. */
async function discover<T>(call: () => Promise<T>): Promise<T | undefined> {
  try {
    return await call();
  } catch (error) {
    if (isTransient(error)) throw error;
    return undefined;
  }
}

/**
 * The compensations, in reverse order of the steps: each undoes what its step may have done (even
 * when the step's result was not saved before a crash: the intent is found by reference, the
 * reservation and redemptions by replaying their Idempotency-Keys) and is safe to repeat.
 */
export const compensations: Record<Compensation, (run: CompensationRun) => Promise<SagaData>> = {
  async void({ checkout, reachedStep, participants }) {
    const data = checkout.data;
    if (!reached(reachedStep, 'authorize')) return data;
    const warnings = [...(data.warnings ?? [])];
    const intentId = data.intent?.id ?? (await participants.intentOf(checkout.id))?.id;
    if (intentId) await undo(warnings, `payment intent ${intentId}`, () => participants.voidIntent(checkout.id, intentId));
    return { ...data, warnings };
  },

  async 'release-redemptions'({ checkout, reachedStep, participants }) {
    const data = checkout.data;
    if (!reached(reachedStep, 'price')) return data;
    const warnings = [...(data.warnings ?? [])];
    const redemptions = [...(data.redemptions ?? [])];
    const redeemer = redeemerOf(data.request);
    for (const coupon of data.cart?.coupons.filter((c) => c.status === 'applied') ?? []) {
      if (redemptions.some((r) => r.code === coupon.code)) continue;
      const found = await discover(() => participants.redeem(checkout.id, coupon.code, redeemer));
      if (found) redemptions.push({ code: coupon.code, id: found.id });
    }
    for (const r of redemptions) await undo(warnings, `redemption ${r.id}`, () => participants.releaseRedemption(checkout.id, r.id));
    return { ...data, redemptions, warnings };
  },

  async 'release-reservation'({ checkout, reachedStep, participants }) {
    const data = checkout.data;
    if (!reached(reachedStep, 'reserve') || !data.cart) return data;
    const warnings = [...(data.warnings ?? [])];
    const reservationId = data.reservationId ?? (await discover(() => participants.reserve(checkout.id, data.cart!.lines.map(({ sku, quantity }) => ({ sku, quantity })))))?.id;
    if (reservationId) await undo(warnings, `reservation ${reservationId}`, () => participants.releaseReservation(checkout.id, reservationId));
    return { ...data, ...(reservationId ? { reservationId } : {}), warnings };
  },

  async 'release-cart'({ checkout, participants }) {
    const data = checkout.data;
    const warnings = [...(data.warnings ?? [])];
    await undo(warnings, `cart ${data.request.cartId}`, () => participants.releaseCart(checkout.id, data.request.cartId));
    return { ...data, warnings };
  },
};
