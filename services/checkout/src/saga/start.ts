import { createHash } from 'node:crypto';
import { kitErrors, newId, problem } from '@mercato/kit';
import type { CheckoutConfig } from '../config.ts';
import type { Address, Checkout, CheckoutRequest, Secrets } from '../domain/checkout.ts';
import { cardSummary, ownerOf, type Buyer } from '../domain/access.ts';
import { findByKey, findCheckout, insertCheckout } from '../store/checkouts.store.ts';
import type { Db } from '../store/context.ts';
import type { SagaRunner } from './runner.ts';

export interface StartInput {
  buyer: Buyer;
  idempotencyKey: string;
  cartId: string;
  email: string;
  shippingAddress: Address;
  billingAddress: Address;
  card: NonNullable<Secrets['card']>;
}

const finished = (c: Checkout) => c.status === 'completed' || c.status === 'failed';
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Starts a checkout and drives it to its end, or joins the checkout the same owner already started
 * with the same Idempotency-Key (the unique index on owner and key decides) and waits for it. A
 * key reused for another request is a 422. Answers the checkout as it stands when it finished, or
 * when waiting for it has taken longer than its deadline allows (it is then still `processing`).
 */
export async function startCheckout(db: Db, config: CheckoutConfig, runner: SagaRunner, input: StartInput): Promise<Checkout> {
  const owner = ownerOf(input.buyer);
  const request: CheckoutRequest = {
    cartId: input.cartId,
    accountId: input.buyer.kind === 'customer' ? input.buyer.accountId : null,
    email: input.email,
    shippingAddress: input.shippingAddress,
    billingAddress: input.billingAddress,
    card: cardSummary(input.card.number),
  };
  const requestHash = createHash('sha256').update(JSON.stringify(request)).digest('hex');
  const created = await insertCheckout(db, {
    id: newId('chk'),
    owner,
    idempotencyKey: input.idempotencyKey,
    requestHash,
    data: { request, orderId: newId('ord') },
    leaseOwner: runner.instanceId,
    leaseMs: config.CHECKOUT_LEASE_MS,
    deadlineMs: config.CHECKOUT_DEADLINE_MS,
  });
  if (created) {
    const secrets: Secrets = { card: input.card, ...(input.buyer.kind === 'guest' ? { cartToken: input.buyer.cartToken } : {}) };
    const driven = await runner.drive(created.id, secrets);
    return finished(driven) ? driven : waitFor(db, config, driven);
  }
  const existing = await findByKey(db, owner, input.idempotencyKey);
  if (!existing) throw problem(kitErrors.idempotencyKeyInUse, 'Retry the request');
  if (existing.requestHash !== requestHash) throw problem(kitErrors.idempotencyKeyReused);
  return finished(existing) ? existing : waitFor(db, config, existing);
}

/** Waits for a saga another run drives (or the recovery loop will), up to its deadline plus a margin. */
async function waitFor(db: Db, config: CheckoutConfig, checkout: Checkout): Promise<Checkout> {
  const until = Math.max(checkout.deadline.getTime(), Date.now()) + 2 * config.CHECKOUT_STEP_TIMEOUT_MS + config.CHECKOUT_LEASE_MS;
  let current = checkout;
  while (!finished(current) && Date.now() < until) {
    await sleep(Math.min(50, config.CHECKOUT_POLL_MS));
    current = (await findCheckout(db, checkout.id))!;
  }
  return current;
}
