import { isUniqueViolation, problem, type ServiceClient } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import type { Cart, Notice } from '../domain/cart.ts';
import { MAX_COUPONS, WRITE_ATTEMPTS } from '../domain/limits.ts';
import { mergeLines } from '../domain/lines.ts';
import { cartErrors } from '../errors.ts';
import { priceCart } from '../pricing/price-cart.ts';
import { closeMergedCart, writeCart } from '../store/carts.store.ts';
import type { Db } from '../store/context.ts';
import { assertEditable, openCartOfAccount, reachCart } from './reach-cart.ts';

/**
 * At login: the guest cart (reached with its token) joins the customer's open cart. Quantities of
 * the same SKU are summed up to the maximum (a `quantity-capped` notice says so), the coupons are
 * united, the result is priced for the customer, and in one transaction the customer cart is
 * written and the guest cart closed (`merged`). A customer without an open cart adopts the guest
 * cart: it becomes theirs (its token stops working) and is repriced for them.
 */
export async function mergeGuestCart(db: Db, pricing: ServiceClient, config: CartConfig, accountId: string, guestCartId: string, cartToken: string | undefined): Promise<Cart> {
  for (let attempt = 0; attempt < WRITE_ATTEMPTS; attempt++) {
    // Reached as an anonymous caller with the token: only a guest cart can answer (else 404).
    const guest = assertEditable(await reachCart(db, config, guestCartId, { principal: null, cartToken }));
    const found = await openCartOfAccount(db, config, accountId);
    const target = found && assertEditable(found);

    const base = target ?? guest;
    const { lines, notices } = target ? mergeLines(target.lines, guest.lines) : { lines: guest.lines, notices: [] as Notice[] };
    const coupons = [...new Set([...base.coupons, ...guest.coupons])].slice(0, MAX_COUPONS);
    const shipping = base.shipping ?? guest.shipping;
    const { priced, dropped } = await priceCart(pricing, { currency: base.currency, minorUnits: base.minorUnits, taxMode: base.priced?.taxMode ?? 'gross', channel: base.channel, accountId, shipping, lines, coupons });
    const change = {
      lines,
      coupons: coupons.filter((code) => !dropped.some((d) => d.code === code)),
      shipping,
      priced,
      notices: [...notices, ...dropped.map((d): Notice => ({ type: 'coupon-dropped', code: d.code, reason: d.reason ?? '' }))],
      activity: true,
    };
    const merged = await db.transaction().execute(async (tx) => {
      if (!target) return writeCart(tx, guest, { ...change, owner: { accountId } });
      const written = await writeCart(tx, target, change);
      if (!written) return undefined;
      if (!(await closeMergedCart(tx, guest.id, guest.version, target.id))) throw new LostRace();
      return written;
    }).catch((error) => {
      if (error instanceof LostRace || isUniqueViolation(error, 'carts_one_open_per_account')) return undefined;
      throw error;
    });
    if (merged) return merged;
  }
  throw problem(cartErrors.cartBusy);
}

class LostRace extends Error {}
