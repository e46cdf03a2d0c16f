import { uuidv7 } from 'uuidv7';

/** A time-ordered id with a type prefix, e.g. `prod_0192…` (never a sequential integer). */
export function newId(prefix: string): string {
  return `${prefix}_${uuidv7().replaceAll('-', '')}`;
}
