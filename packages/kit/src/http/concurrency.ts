import { kitErrors, problem } from './problem.ts';
import { Type } from '@sinclair/typebox';

/** The request headers of a write that uses optimistic concurrency. */
export const IfMatchHeaders = Type.Object({
  'if-match': Type.Optional(Type.String({ description: 'The ETag of the version the change is based on, e.g. "3"' })),
});

/** The ETag of a version. */
export function etag(version: number): string {
  return `"${version}"`;
}

/** The version an `If-Match` header names; 428 when it is required and missing. */
export function expectedVersion(header: string | undefined, required: true): number;
export function expectedVersion(header: string | undefined, required: false): number | undefined;
export function expectedVersion(header: string | undefined, required: boolean): number | undefined {
  if (!header) {
    if (required) throw problem(kitErrors.preconditionRequired);
    return undefined;
  }
  const match = /^(?:W\/)?"(\d+)"$/.exec(header.trim());
  if (!match) throw problem(kitErrors.validationFailed, 'If-Match must be an ETag from a previous read, e.g. "3"');
  return Number(match[1]);
}

/** The answer to a write that found the resource at another version than expected. */
export function staleVersion(resource: string) {
  return problem(kitErrors.preconditionFailed, `Read the ${resource} again and reapply your change`);
}
