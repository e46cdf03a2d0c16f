/** The cart this browser uses: its id and, for a guest cart, the secret token that reaches it. */
export type StoredCart = { id: string; token: string | null };

const KEY = 'mercato.cart';

export function loadStoredCart(): StoredCart | null {
  try {
    const raw = localStorage.getItem(KEY);
    return raw ? (JSON.parse(raw) as StoredCart) : null;
  } catch {
    return null;
  }
}

export const saveStoredCart = (cart: StoredCart) => localStorage.setItem(KEY, JSON.stringify(cart));
export const forgetStoredCart = () => localStorage.removeItem(KEY);
