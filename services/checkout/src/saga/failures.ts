import { ProblemError, type ProblemSpec } from '@mercato/kit';
import type { Failure } from '../domain/checkout.ts';

/** A definitive failure of a step before the pivot: the saga is rolled back. */
export class SagaFailure extends Error {
  constructor(readonly failure: Failure) {
    super(failure.message);
  }
}

/** A failure with one of the checkout's own problems. */
export function failure(spec: ProblemSpec, message: string, extensions?: Record<string, unknown>): SagaFailure {
  return new SagaFailure({ code: spec.code, status: spec.status, title: spec.title, message, ...(extensions ? { extensions } : {}) });
}

/**
 * A problem another service answered, passed on with its own code (e.g. `insufficient-stock`). Its
 * field pointers named that service's request; the lines it was sent are the cart's, in order, so
 * `body/lines/1/quantity` becomes `cart/lines/1/quantity` (other fields become `cart`).
 */
export function upstreamFailure(error: ProblemError, extensions: Record<string, unknown> = {}): SagaFailure {
  const { checkoutId: _ignored, errors, ...rest } = error.extensions;
  const renamed = Array.isArray(errors)
    ? { errors: errors.map((e: { pointer?: string }) => ({ ...e, ...(typeof e.pointer === 'string' ? { pointer: cartPointer(e.pointer) } : {}) })) }
    : {};
  return new SagaFailure({ code: error.spec.code, status: error.status, title: error.spec.title, message: error.message.replace(/\bbody\/lines\//g, 'cart/lines/'), extensions: { ...rest, ...renamed, ...extensions } });
}

function cartPointer(pointer: string): string {
  const line = /^\/?body\/lines\/(\d+)(\/.*)?$/.exec(pointer);
  if (line) return `cart/lines/${line[1]}${line[2] ?? ''}`;
  return pointer.startsWith('cart/') ? pointer : 'cart';
}

/** The problem a failed checkout answers with, naming the checkout. */
export function failureProblem(failure: Failure, checkoutId: string): ProblemError {
  return new ProblemError({ code: failure.code, status: failure.status, title: failure.title }, failure.message, { ...failure.extensions, checkoutId });
}
