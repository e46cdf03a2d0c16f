import { ProblemError } from '@mercato/kit';
import { identityErrors } from '../errors.ts';
import type { Identity } from '../identity.ts';
import { findAccountRowByEmail, type AccountRow } from '../store/accounts.store.ts';
import { clearFailures, lockedSeconds, recordFailure } from '../store/login-failures.store.ts';
import { checkPassword, normalizeEmail } from './passwords.ts';

/** Too many failures: a 429 problem with `Retry-After`. */
export function tooManyAttempts(seconds: number): ProblemError {
  return new ProblemError(identityErrors.tooManyLoginAttempts, `Try again in ${seconds} s`, { retryAfter: seconds }, { 'retry-after': String(seconds) });
}

/**
 * Checks an email and password, with lockout: a locked email is refused (429) before the password
 * is even checked; a wrong password, or an unknown email, is the same 401 after the same argon2
 * work, and counts towards the lock; a success clears the count.
 */
export async function authenticate(identity: Identity, email: string, password: string): Promise<AccountRow> {
  const key = normalizeEmail(email);
  const wait = await lockedSeconds(identity.db, key);
  if (wait > 0) throw tooManyAttempts(wait);
  const account = await findAccountRowByEmail(identity.db, key);
  if (!(await checkPassword(account?.password_hash, password)) || !account) {
    await recordFailure(identity.db, key, identity.lockout);
    throw new ProblemError(identityErrors.invalidCredentials);
  }
  await clearFailures(identity.db, key);
  return account;
}
