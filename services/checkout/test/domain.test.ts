import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { ProblemError } from '@mercato/kit';
import { cardSummary, mayRead, ownerOf } from '../src/domain/access.ts';
import { nextCompensation, nextStep, pastPivot, reached } from '../src/domain/steps.ts';
import { upstreamFailure } from '../src/saga/failures.ts';
import { isTransient } from '../src/saga/remote.ts';

describe('checkout domain', () => {
  it('orders the steps and compensations; place is the pivot', () => {
    assert.equal(nextStep('validate'), 'reserve');
    assert.equal(nextStep('confirm'), 'done');
    assert.equal(nextCompensation('void'), 'release-redemptions');
    assert.equal(nextCompensation('release-cart'), 'done');
    assert.ok(reached('authorize', 'reserve'));
    assert.ok(!reached('reserve', 'price'));
    assert.ok(!pastPivot('authorize'));
    assert.ok(pastPivot('place'));
  });

  it('owns a checkout by account or by a hash of the guest token; staff read any', () => {
    const person = { sub: 'acct_1', clientId: undefined, roles: ['customer'], scopes: [], machine: false };
    const guest = ownerOf({ kind: 'guest', cartToken: 'secret-token' });
    assert.ok(!guest.includes('secret-token'));
    assert.ok(mayRead(ownerOf({ kind: 'customer', accountId: 'acct_1' }), person, undefined));
    assert.ok(!mayRead(ownerOf({ kind: 'customer', accountId: 'acct_2' }), person, undefined));
    assert.ok(mayRead(guest, null, 'secret-token'));
    assert.ok(!mayRead(guest, null, 'other-token'));
    assert.ok(mayRead(guest, { ...person, roles: ['order-manager'] }, undefined));
    assert.ok(mayRead(guest, { ...person, machine: true, roles: [], scopes: ['checkout:read'] }, undefined));
    assert.ok(!mayRead(ownerOf({ kind: 'customer', accountId: 'acct_1' }), { ...person, machine: true, roles: [] }, undefined), 'a machine client with the same sub is not the person');
  });

  it('keeps only brand and last four digits of a card', () => {
    assert.deepEqual(cardSummary('4242424242424242'), { brand: 'visa', last4: '4242' });
    assert.deepEqual(cardSummary('5555555555554444'), { brand: 'mastercard', last4: '4444' });
  });

  it('passes a participant’s problem on with its code, its line pointers renamed to the cart’s', () => {
    const upstream = new ProblemError({ code: 'insufficient-stock', status: 409, title: 'Not enough stock' }, 'body/lines/1/quantity: 5 requested, 2 available', {
      errors: [{ pointer: 'body/lines/1/quantity', detail: '5 requested, 2 available' }, { pointer: 'body/reference', detail: 'x' }],
      shortages: [{ sku: 'MUG', requested: 5, available: 2 }],
    });
    const { failure } = upstreamFailure(upstream, { skus: ['MUG'] });
    assert.equal(failure.code, 'insufficient-stock');
    assert.equal(failure.status, 409);
    assert.equal(failure.message, 'cart/lines/1/quantity: 5 requested, 2 available');
    assert.deepEqual((failure.extensions!.errors as any[]).map((e) => e.pointer), ['cart/lines/1/quantity', 'cart']);
    assert.deepEqual(failure.extensions!.skus, ['MUG']);
  });

  it('retries unavailability, timeouts and a key still in use; not a 4xx answer', () => {
    const problem = (code: string, status: number) => new ProblemError({ code, status, title: code });
    assert.ok(isTransient(problem('upstream-timeout', 504)));
    assert.ok(isTransient(problem('idempotency-key-in-use', 409)));
    assert.ok(isTransient(new Error('socket hang up')));
    assert.ok(!isTransient(problem('insufficient-stock', 409)));
  });
});
