import { problem, type ProblemSpec } from '../http/problem.ts';

const UNIQUE_VIOLATION = '23505';
const FOREIGN_KEY_VIOLATION = '23503';

/** Whether an error is PostgreSQL's unique violation of the named constraint. */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  const pgError = error as { code?: string; constraint?: string };
  return pgError.code === UNIQUE_VIOLATION && pgError.constraint === constraint;
}

/**
 * Maps a unique or foreign-key violation to the problem it means, by constraint name; anything else
 * is rethrown unchanged.
 */
export function mapConstraint(error: unknown, byConstraint: Record<string, ProblemSpec>): never {
  const pgError = error as { code?: string; constraint?: string; detail?: string };
  if ((pgError.code === UNIQUE_VIOLATION || pgError.code === FOREIGN_KEY_VIOLATION) && pgError.constraint) {
    const spec = byConstraint[pgError.constraint];
    if (spec) throw problem(spec, pgError.detail);
  }
  throw error;
}
