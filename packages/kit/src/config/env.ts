import './formats.ts';
import { type Static, type TSchema } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';

/** The environment a service reads its configuration from (a copy, never process.env itself). */
export type Env = Readonly<Record<string, string | undefined>>;

/**
 * Parses configuration from environment variables with a TypeBox schema: defaults applied, strings
 * converted to numbers/booleans, and a readable error listing every bad variable (fail fast at start).
 */
export function parseConfig<T extends TSchema>(schema: T, env: Env): Static<T> {
  const raw: Record<string, unknown> = {};
  for (const key of Object.keys((schema as unknown as { properties: object }).properties ?? {})) {
    if (env[key] !== undefined && env[key] !== '') raw[key] = env[key];
  }
  const value = Value.Convert(schema, Value.Default(schema, raw));
  const errors = [...Value.Errors(schema, value)];
  if (errors.length > 0) {
    const lines = errors.map((e) => `  ${e.path.slice(1) || '(root)'}: ${e.message}`);
    throw new Error(`Invalid configuration:\n${lines.join('\n')}`);
  }
  return value as Static<T>;
}
