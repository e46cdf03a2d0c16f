import { problem, type ProblemError, type ProblemSpec } from '@mercato/kit';

/**
 * Maps a PostgreSQL constraint violation to the problem it means, by constraint name; anything else
 * is rethrown unchanged.
 */
export function mapConstraint(error: unknown, byConstraint: Record<string, ProblemSpec>, detail?: (constraint: string, raw: string) => string): never {
  const pgError = error as { code?: string; constraint?: string; detail?: string };
  if ((pgError.code === '23505' || pgError.code === '23503') && pgError.constraint) {
    const spec = byConstraint[pgError.constraint];
    if (spec) throw problem(spec, detail?.(pgError.constraint, pgError.detail ?? '') ?? pgError.detail) as ProblemError;
  }
  throw error;
}
