import { hash, verify } from '@node-rs/argon2';

// The library defaults are argon2id, m=19456 KiB, t=2, p=1: the OWASP recommendation.
let dummyHash: Promise<string> | undefined;

/** Hashes a password with argon2id. */
export function hashPassword(password: string): Promise<string> {
  return hash(password);
}

/**
 * Checks a password against a stored hash. With no hash (unknown email) it verifies against a
 * dummy hash anyway, so the answer takes as long as for a real account.
 */
export async function checkPassword(storedHash: string | undefined, password: string): Promise<boolean> {
  dummyHash ??= hash('not-a-real-password-only-for-timing');
  const matches = await verify(storedHash ?? (await dummyHash), password).catch(() => false);
  return storedHash !== undefined && matches;
}

/** Lower-cases and trims an email so one person cannot register twice by changing case. */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
