import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';

/** A random URL-safe secret with 256 bits of entropy. */
export function randomSecret(bytes = 32): string {
  return randomBytes(bytes).toString('base64url');
}

/**
 * SHA-256 of a high-entropy secret (refresh tokens, client secrets). A fast hash is enough here:
 * unlike passwords, these cannot be guessed, so slow hashing would add nothing.
 */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret).digest('base64url');
}

/** Compares a presented secret with a stored `hashSecret` value in constant time. */
export function secretMatches(storedHash: string, presented: string): boolean {
  const a = Buffer.from(storedHash);
  const b = Buffer.from(hashSecret(presented));
  return a.length === b.length && timingSafeEqual(a, b);
}
