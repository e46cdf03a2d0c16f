/** RFC 9457 problem details: one error type per stable code, serialized as application/problem+json. */

export const PROBLEM_BASE = 'https://mercato.dev/problems/';
export const PROBLEM_CONTENT_TYPE = 'application/problem+json';

/** A catalog entry: the stable code, HTTP status and a human title. */
export interface ProblemSpec {
  readonly code: string;
  readonly status: number;
  readonly title: string;
}

/** The JSON body of a problem response. */
export interface ProblemBody {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance?: string;
  code: string;
  [extension: string]: unknown;
}

/** An error that leaves the service as a problem+json response (never with a stack trace). */
export class ProblemError extends Error {
  constructor(
    readonly spec: ProblemSpec,
    readonly detail?: string,
    readonly extensions: Record<string, unknown> = {},
    readonly headers: Record<string, string> = {},
  ) {
    super(detail ?? spec.title);
    this.name = 'ProblemError';
  }

  get status(): number {
    return this.spec.status;
  }

  /** The response body for this problem. */
  toBody(instance?: string): ProblemBody {
    return {
      ...this.extensions,
      type: PROBLEM_BASE + this.spec.code,
      title: this.spec.title,
      status: this.spec.status,
      code: this.spec.code,
      ...(this.detail ? { detail: this.detail } : {}),
      ...(instance ? { instance } : {}),
    };
  }
}

type ErrorTable = Record<string, { status: number; title: string }>;

/** Turns a table of errors into specs keyed the same way, each with its kebab-case stable code. */
export function defineErrors<T extends ErrorTable>(table: T): { [K in keyof T]: ProblemSpec } {
  const out = {} as { [K in keyof T]: ProblemSpec };
  for (const [key, value] of Object.entries(table)) {
    const code = key.replace(/[A-Z]/g, (c) => '-' + c.toLowerCase());
    out[key as keyof T] = { code, ...value };
  }
  return out;
}

/** Errors every service can answer with; each service adds its own catalog in `errors.ts`. */
export const kitErrors = defineErrors({
  validationFailed: { status: 400, title: 'The request is not valid' },
  malformedBody: { status: 400, title: 'The request body could not be parsed' },
  unauthorized: { status: 401, title: 'Authentication is required or the token is not valid' },
  forbidden: { status: 403, title: 'The caller may not perform this action' },
  callNotAllowed: { status: 403, title: 'The topology does not allow this service-to-service call' },
  notFound: { status: 404, title: 'No such resource' },
  methodNotAllowed: { status: 405, title: 'Method not allowed' },
  conflict: { status: 409, title: 'The request conflicts with the current state' },
  idempotencyKeyInUse: { status: 409, title: 'A request with this Idempotency-Key is still being processed' },
  preconditionFailed: { status: 412, title: 'The resource has changed since it was read' },
  payloadTooLarge: { status: 413, title: 'The request body is too large' },
  unsupportedMediaType: { status: 415, title: 'Unsupported content type' },
  idempotencyKeyReused: { status: 422, title: 'This Idempotency-Key was used with a different request' },
  preconditionRequired: { status: 428, title: 'This write needs an If-Match header' },
  rateLimited: { status: 429, title: 'Too many requests' },
  internal: { status: 500, title: 'Internal error' },
  upstreamUnavailable: { status: 503, title: 'A service this request needs is unavailable' },
  upstreamTimeout: { status: 504, title: 'A service this request needs did not answer in time' },
});

/** Shorthand for throwing a kit or service error. */
export function problem(spec: ProblemSpec, detail?: string, extensions?: Record<string, unknown>): ProblemError {
  return new ProblemError(spec, detail, extensions);
}

/** One offending request field, named like the kit's validation errors (`body/lines/1/sku`). */
export interface FieldError {
  pointer: string;
  detail: string;
  [extension: string]: unknown;
}

/** A problem about specific request fields, shaped like the kit's validation problems (`errors`). */
export function fieldProblem(spec: ProblemSpec, errors: FieldError[], extensions: Record<string, unknown> = {}): ProblemError {
  return problem(spec, errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), { ...extensions, errors });
}
