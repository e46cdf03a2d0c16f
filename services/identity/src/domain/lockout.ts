import type { IdentityConfig } from '../config.ts';

/** How failed logins turn into locks. */
export interface LockoutPolicy {
  maxFailures: number;
  windowMs: number;
  baseLockMs: number;
  maxLockMs: number;
}

/** The failed-login history of one email. */
export interface FailureRecord {
  failures: number;
  lockouts: number;
  lastFailedAt: Date;
  lockedUntil: Date | null;
}

/** The lockout policy from configuration. */
export function lockoutPolicy(config: IdentityConfig): LockoutPolicy {
  return {
    maxFailures: config.MERCATO_LOGIN_MAX_FAILURES,
    windowMs: config.MERCATO_LOGIN_WINDOW_S * 1000,
    baseLockMs: config.MERCATO_LOCKOUT_BASE_S * 1000,
    maxLockMs: config.MERCATO_LOCKOUT_MAX_S * 1000,
  };
}

/** Seconds until the email may try again (0 when it is not locked). */
export function secondsLocked(record: FailureRecord | undefined, now: Date): number {
  if (!record?.lockedUntil || record.lockedUntil <= now) return 0;
  return Math.ceil((record.lockedUntil.getTime() - now.getTime()) / 1000);
}

/**
 * The record after one more failure. History older than the window (counted from the last failure
 * or the end of the last lock) is forgotten; from `maxFailures` on, every failure locks the email,
 * each lock twice as long as the one before, up to `maxLockMs`.
 */
export function afterFailure(record: FailureRecord | undefined, now: Date, policy: LockoutPolicy): FailureRecord {
  const lastActivity = record ? Math.max(record.lastFailedAt.getTime(), record.lockedUntil?.getTime() ?? 0) : 0;
  const fresh = !record || now.getTime() - lastActivity > policy.windowMs;
  const failures = fresh ? 1 : record.failures + 1;
  let lockouts = fresh ? 0 : record.lockouts;
  let lockedUntil: Date | null = null;
  if (failures >= policy.maxFailures) {
    lockouts += 1;
    const lockMs = Math.min(policy.baseLockMs * 2 ** (lockouts - 1), policy.maxLockMs);
    lockedUntil = new Date(now.getTime() + lockMs);
  }
  return { failures, lockouts, lastFailedAt: now, lockedUntil };
}
