import { ProblemError, type FieldError } from '@mercato/kit';

/** What the request being answered is about, so that pricing's complaints name its fields. */
export interface Focus {
  sku?: string;
  coupon?: string;
  shipping?: boolean;
}

/**
 * Re-raises a 4xx problem from pricing with its pointers renamed from the quote's fields to the
 * cart request's (`body/lines/2/sku` → `body/sku` when that line is the one being added, else
 * `cart/lines/2/sku`); pricing's code and title stay, so the error catalog is pricing's.
 */
export function renamePointers(error: unknown, lines: ReadonlyArray<{ sku: string }>, coupons: readonly string[], focus: Focus): unknown {
  if (!(error instanceof ProblemError) || error.status >= 500) return error;
  const errors = error.extensions.errors;
  if (!Array.isArray(errors)) return error;
  const rename = (pointer: string): string => {
    const line = /^body\/(?:lines|items)\/(\d+)\/(\w+)$/.exec(pointer);
    if (line) {
      const sku = lines[Number(line[1])]?.sku;
      return sku !== undefined && sku === focus.sku ? `body/${line[2]}` : `cart/lines/${line[1]}/${line[2]}`;
    }
    const coupon = /^body\/coupons\/(\d+)$/.exec(pointer);
    if (coupon) return coupons[Number(coupon[1])] === focus.coupon ? 'body/code' : `cart/coupons/${coupon[1]}`;
    if (pointer === 'body/coupons' && focus.coupon) return 'body/code';
    const shipping = /^body\/shipping\/(\w+)$/.exec(pointer);
    if (shipping) return focus.shipping ? `body/${shipping[1]}` : `cart/shipping/${shipping[1]}`;
    return pointer.replace(/^body\//, 'cart/');
  };
  const renamed = (errors as FieldError[]).map((e) => ({ ...e, pointer: rename(String(e.pointer)) }));
  return new ProblemError(error.spec, renamed.map((e) => `${e.pointer}: ${e.detail}`).join('; '), { ...error.extensions, errors: renamed });
}

/** The indexes of the quote's coupons a problem names (`body/coupons/1`). */
export function couponsNamedBy(error: unknown): number[] {
  if (!(error instanceof ProblemError) || error.status >= 500 || !Array.isArray(error.extensions.errors)) return [];
  return (error.extensions.errors as FieldError[]).flatMap((e) => {
    const match = /^body\/coupons\/(\d+)$/.exec(String(e.pointer));
    return match ? [Number(match[1])] : [];
  });
}
