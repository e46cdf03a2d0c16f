import { kitErrors, ProblemError } from './problem.ts';

/** Encodes a pagination position as an opaque URL-safe cursor. */
export function encodeCursor(position: Record<string, string | number>): string {
  return Buffer.from(JSON.stringify(position)).toString('base64url');
}

/** Decodes a cursor made by `encodeCursor`; a tampered one is a 400 problem. */
export function decodeCursor<T extends Record<string, string | number>>(cursor: string, keys: readonly (keyof T & string)[]): T {
  try {
    const value = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as Record<string, unknown>;
    for (const key of keys) {
      if (typeof value[key] !== 'string' && typeof value[key] !== 'number') throw new Error('bad cursor');
    }
    return value as T;
  } catch {
    throw new ProblemError(kitErrors.validationFailed, 'The cursor is not valid');
  }
}
