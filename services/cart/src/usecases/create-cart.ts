import { fieldProblem, isUniqueViolation, newId, problem, type Principal, type ServiceClient } from '@mercato/kit';
import { personOf } from '../domain/access.ts';
import type { Cart } from '../domain/cart.ts';
import { hashCartToken, newCartToken } from '../domain/token.ts';
import { cartErrors } from '../errors.ts';
import { priceCart } from '../pricing/price-cart.ts';
import { pricingProblems } from '../pricing/pricing-problems.ts';
import { findOpenCartOfAccount, insertCart } from '../store/carts.store.ts';
import type { Db } from '../store/context.ts';
import type { CartConfig } from '../config.ts';
import { openCartOfAccount } from './reach-cart.ts';

export interface CreateCartInput {
  currency: string;
  channel: 'web' | 'mobile';
  shipping?: { country: string; method: string };
}

interface EnabledCurrency {
  code: string;
  minorUnits: number;
  taxMode: 'gross' | 'net';
}

/**
 * Opens a cart: a customer cart for a signed-in person (one open cart each: a second is a 409
 * naming the first), else a guest cart whose secret token is returned once and stored only as a
 * hash. The currency must be one pricing sells in (asked once, here).
 */
export async function createCart(db: Db, pricing: ServiceClient, config: CartConfig, principal: Principal | null, input: CreateCartInput): Promise<{ cart: Cart; token?: string }> {
  const accountId = personOf(principal) ?? null;
  if (accountId) {
    const existing = await openCartOfAccount(db, config, accountId);
    if (existing) throw cartExists(existing.id);
  }
  const { items } = await pricing.json<{ items: EnabledCurrency[] }>('/api/pricing/currencies');
  const currency = items.find((c) => c.code === input.currency);
  if (!currency) {
    throw fieldProblem(pricingProblems.unsupportedCurrency, [{ pointer: 'body/currency', detail: `${input.currency} is not sold here; enabled: ${items.map((c) => c.code).join(', ') || 'none'}` }]);
  }
  const shipping = input.shipping ?? null;
  const { priced } = await priceCart(pricing, { currency: currency.code, minorUnits: currency.minorUnits, taxMode: currency.taxMode, channel: input.channel, accountId, shipping, lines: [], coupons: [] });
  const token = accountId ? undefined : newCartToken();
  try {
    const cart = await insertCart(db, {
      id: newId('cart'),
      accountId,
      tokenHash: token ? hashCartToken(token) : null,
      currency: currency.code,
      minorUnits: currency.minorUnits,
      channel: input.channel,
      shipping,
      priced,
    });
    return token ? { cart, token } : { cart };
  } catch (error) {
    if (accountId && isUniqueViolation(error, 'carts_one_open_per_account')) {
      const winner = await findOpenCartOfAccount(db, accountId);
      if (winner) throw cartExists(winner.id);
    }
    throw error;
  }
}

function cartExists(cartId: string) {
  return problem(cartErrors.cartExists, `Your open cart is ${cartId}`, { cartId });
}
