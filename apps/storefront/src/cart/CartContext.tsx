import { createContext, use, useCallback, useEffect, useMemo, useRef, useState, type ReactNode } from 'react';
import type { Cart } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import * as api from './cart-api.ts';
import { forgetStoredCart, loadStoredCart, saveStoredCart, type StoredCart } from './storage.ts';

type CartState = {
  cart: Cart | null;
  loading: boolean;
  /** The guest cart's token (for calls made outside this context, e.g. the checkout). */
  stored: StoredCart | null;
  add: (sku: string, quantity?: number) => Promise<Cart>;
  setQuantity: (sku: string, quantity: number) => Promise<Cart>;
  remove: (sku: string) => Promise<Cart>;
  setShipping: (country: string, method: string) => Promise<Cart>;
  applyCoupon: (code: string) => Promise<Cart>;
  removeCoupon: (code: string) => Promise<Cart>;
  refresh: () => Promise<void>;
  /** After an order: this cart is done, the next add opens a new one. */
  forget: () => void;
};

const CartContext = createContext<CartState | null>(null);
const isOpen = (cart: Cart | null): cart is Cart => cart !== null && cart.status === 'open';

/** Finds the cart to show: the customer's (merging a guest cart into it after sign-in) or the stored guest cart. */
async function resolveCart(signedIn: boolean): Promise<Cart | null> {
  const stored = loadStoredCart();
  if (signedIn) {
    if (stored?.token) {
      const merged = await api.mergeGuestCart(stored).catch(() => null);
      if (merged) return merged;
    }
    return api.fetchViewerCart();
  }
  if (!stored?.token) return null;
  return api.fetchCart(stored).catch(() => null);
}

export function CartProvider({ children }: { children: ReactNode }) {
  const { signedIn } = useAuth();
  const [cart, setCart] = useState<Cart | null>(null);
  const [loading, setLoading] = useState(true);
  const [stored, setStored] = useState<StoredCart | null>(loadStoredCart);
  // Cart changes run one after another, so a fast second click never races the first.
  const queue = useRef<Promise<unknown>>(Promise.resolve());

  const adopt = useCallback((next: Cart | null, signedInNow: boolean) => {
    if (isOpen(next)) {
      const keep = { id: next.id, token: signedInNow ? null : (next.token ?? loadStoredCart()?.token ?? null) };
      saveStoredCart(keep);
      setStored(keep);
      setCart(next);
    } else {
      forgetStoredCart();
      setStored(null);
      setCart(null);
    }
  }, []);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      adopt(await resolveCart(signedIn), signedIn);
    } catch {
      setCart(null);
    } finally {
      setLoading(false);
    }
  }, [adopt, signedIn]);

  useEffect(() => void refresh(), [refresh]);

  const run = useCallback(
    (change: (current: StoredCart) => Promise<Cart>, create = false): Promise<Cart> => {
      const next = queue.current.then(async () => {
        let current = loadStoredCart();
        if (!current && create) {
          const opened = await api.createCart().catch(async (error: unknown) => {
            // A customer may already have an open cart elsewhere: use it.
            const existing = signedIn ? await api.fetchViewerCart() : null;
            if (!existing) throw error;
            return existing;
          });
          adopt(opened, signedIn);
          current = loadStoredCart();
        }
        if (!current) throw new Error('Your cart is empty.');
        const changed = await change(current);
        adopt(changed, signedIn);
        return changed;
      });
      queue.current = next.catch(() => undefined);
      return next;
    },
    [adopt, signedIn],
  );

  const value = useMemo<CartState>(
    () => ({
      cart,
      loading,
      stored,
      add: (sku, quantity = 1) => run((current) => api.addToCart(current, sku, quantity), true),
      setQuantity: (sku, quantity) => run((current) => (quantity > 0 ? api.updateCartLine(current, sku, quantity) : api.removeCartLine(current, sku))),
      remove: (sku) => run((current) => api.removeCartLine(current, sku)),
      setShipping: (country, method) => run((current) => api.setShipping(current, country, method)),
      applyCoupon: (code) => run((current) => api.applyCoupon(current, code)),
      removeCoupon: (code) => run((current) => api.removeCoupon(current, code)),
      refresh,
      forget: () => adopt(null, signedIn),
    }),
    [cart, loading, stored, run, refresh, adopt, signedIn],
  );
  return <CartContext value={value}>{children}</CartContext>;
}

export function useCart(): CartState {
  const cart = use(CartContext);
  if (!cart) throw new Error('useCart outside CartProvider');
  return cart;
}
