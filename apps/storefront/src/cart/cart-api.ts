import { mutate, query } from '../api/client.ts';
import * as Q from '../api/queries.ts';
import type { Cart } from '../api/types.ts';
import type { StoredCart } from './storage.ts';

/** The cart calls, each carrying the guest cart's token when there is one. */

const as = (stored: StoredCart | null) => ({ cartToken: stored?.token ?? null });

export const fetchCart = async (stored: StoredCart) => (await query<{ cart: Cart | null }>(Q.CART_BY_ID, { id: stored.id }, as(stored))).cart;
export const fetchViewerCart = async () => (await query<{ viewer: { cart: Cart | null } }>(Q.VIEWER_CART)).viewer.cart;
export const createCart = async () => (await mutate<{ createCart: Cart }>(Q.CREATE_CART)).createCart;
export const mergeGuestCart = async (guest: StoredCart) => (await mutate<{ mergeCart: Cart }>(Q.MERGE_CART, { guestCartId: guest.id }, as(guest))).mergeCart;

export const addToCart = async (stored: StoredCart, sku: string, quantity: number) =>
  (await mutate<{ addToCart: Cart }>(Q.ADD_TO_CART, { cartId: stored.id, sku, quantity }, as(stored))).addToCart;
export const updateCartLine = async (stored: StoredCart, sku: string, quantity: number) =>
  (await mutate<{ updateCartLine: Cart }>(Q.UPDATE_CART_LINE, { cartId: stored.id, sku, quantity }, as(stored))).updateCartLine;
export const removeCartLine = async (stored: StoredCart, sku: string) =>
  (await mutate<{ removeCartLine: Cart }>(Q.REMOVE_CART_LINE, { cartId: stored.id, sku }, as(stored))).removeCartLine;
export const setShipping = async (stored: StoredCart, country: string, method: string) =>
  (await mutate<{ setShipping: Cart }>(Q.SET_SHIPPING, { cartId: stored.id, country, method }, as(stored))).setShipping;
export const applyCoupon = async (stored: StoredCart, code: string) =>
  (await mutate<{ applyCoupon: Cart }>(Q.APPLY_COUPON, { cartId: stored.id, code }, as(stored))).applyCoupon;
export const removeCoupon = async (stored: StoredCart, code: string) =>
  (await mutate<{ removeCoupon: Cart }>(Q.REMOVE_COUPON, { cartId: stored.id, code }, as(stored))).removeCoupon;
