import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** The header that carries a guest cart's secret token. */
export const CART_TOKEN_HEADER = 'cart-token';

/** A new guest cart token: 256 random bits, URL-safe. */
export function newCartToken(): string {
  return randomBytes(32).toString('base64url');
}

/** What is stored instead of the token. */
export function hashCartToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** Whether a presented token matches the stored hash (constant time). */
export function tokenMatches(token: string | undefined, storedHash: string | null): boolean {
  if (!token || !storedHash) return false;
  const presented = Buffer.from(hashCartToken(token), 'hex');
  const stored = Buffer.from(storedHash, 'hex');
  return presented.length === stored.length && timingSafeEqual(presented, stored);
}
