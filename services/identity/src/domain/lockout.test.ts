import assert from 'node:assert/strict';
import { test } from 'node:test';
import { afterFailure, secondsLocked, type FailureRecord, type LockoutPolicy } from './lockout.ts';

const policy: LockoutPolicy = { maxFailures: 5, windowMs: 15 * 60_000, baseLockMs: 60_000, maxLockMs: 3_600_000 };
const at = (s: number) => new Date(Date.UTC(2026, 0, 1) + s * 1000);

test('the fifth failure locks for the base duration, later ones escalate', () => {
  let record: FailureRecord | undefined;
  for (let i = 0; i < 4; i++) record = afterFailure(record, at(i), policy);
  assert.equal(secondsLocked(record, at(4)), 0);
  record = afterFailure(record, at(4), policy);
  assert.equal(secondsLocked(record, at(4)), 60);
  record = afterFailure(record, at(70), policy);
  assert.equal(secondsLocked(record, at(70)), 120);
  record = afterFailure(record, at(200), policy);
  assert.equal(secondsLocked(record, at(200)), 240);
});

test('locks are capped and old history is forgotten', () => {
  let record: FailureRecord | undefined;
  let now = at(0);
  for (let i = 0; i < 20; i++) {
    record = afterFailure(record, now, policy);
    now = new Date((record.lockedUntil ?? now).getTime() + 1000);
  }
  assert.equal(record!.lockedUntil!.getTime() - record!.lastFailedAt.getTime(), 3_600_000);
  const later = afterFailure(record, new Date(record!.lockedUntil!.getTime() + 15 * 60_000 + 1), policy);
  assert.deepEqual([later.failures, later.lockouts, later.lockedUntil], [1, 0, null]);
});
