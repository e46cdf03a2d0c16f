import { GraphQLError, type ExecutionResult, type GraphQLFormattedError } from 'graphql';
import { kitErrors, ProblemError } from '@mercato/kit';
import type { MercuriusContext } from 'mercurius';

type FormattedError = GraphQLFormattedError & { extensions: Record<string, unknown> };

/** Mercurius error codes with the stable code clients see. */
const MERCURIUS_CODES: Record<string, { code: string; status: number }> = {
  MER_ERR_GQL_QUERY_DEPTH: { code: 'query-too-deep', status: 400 },
  MER_ERR_GQL_PERSISTED_QUERY_NOT_FOUND: { code: 'PERSISTED_QUERY_NOT_FOUND', status: 200 },
  MER_ERR_GQL_PERSISTED_QUERY_NOT_SUPPORTED: { code: 'PERSISTED_QUERY_NOT_SUPPORTED', status: 200 },
  MER_ERR_GQL_PERSISTED_QUERY_MISMATCH: { code: 'persisted-query-mismatch', status: 400 },
  MER_ERR_GQL_VALIDATION: { code: 'graphql-validation-failed', status: 400 },
  MER_ERR_METHOD_NOT_ALLOWED: { code: 'method-not-allowed', status: 405 },
};

/**
 * Every error leaves with `extensions.code` (and `status`): a service's problem keeps its code,
 * status, title, detail and extensions (e.g. 402 `payment-declined`), so clients can say "Your card
 * was declined"; a failure of our own is logged and shown as `internal`, without its message.
 */
export function formatErrors<TContext extends MercuriusContext>(execution: ExecutionResult & { errors: readonly GraphQLError[] }, context: TContext) {
  const log = context.reply?.log ?? context.app.log;
  const flat = execution.errors.flatMap((error) => {
    const nested = (error.originalError as { errors?: unknown } | undefined)?.errors;
    // Mercurius wraps validation (and depth) errors in one error that lists them.
    return Array.isArray(nested) ? nested.map((inner: Error) => ({ error: inner, outer: error })) : [{ error: error as Error, outer: error }];
  });
  const errors = flat.map(({ error, outer }) => format(error, outer, log));
  // An executed operation answers 200 whatever its errors (GraphQL over HTTP); a request refused
  // before execution (validation, limits, authentication) answers with its status.
  const refused = !('data' in execution);
  const status = errors[0]?.extensions.status;
  const statusCode = refused && typeof status === 'number' && status >= 400 ? status : 200;
  return { statusCode, response: { data: execution.data ?? null, errors } };
}

function format(error: Error, outer: GraphQLError, log: { error(o: object, m: string): void }): FormattedError {
  const graphqlError = error instanceof GraphQLError ? error : undefined;
  const original = graphqlError ? (graphqlError.originalError ?? undefined) : error;
  const where = {
    ...(graphqlError?.locations ? { locations: graphqlError.locations } : outer.locations ? { locations: outer.locations } : {}),
    ...(graphqlError?.path ? { path: graphqlError.path } : outer.path ? { path: outer.path } : {}),
  };
  if (original instanceof ProblemError) {
    const body = original.toBody();
    const { type: _type, instance: _instance, ...extensions } = body;
    return { message: original.detail ?? original.spec.title, ...where, extensions };
  }
  const ownExtensions = (original as { extensions?: Record<string, unknown> } | undefined)?.extensions ?? graphqlError?.extensions;
  if (ownExtensions && typeof ownExtensions.code === 'string') {
    return { message: error.message, ...where, extensions: { status: 400, ...ownExtensions } };
  }
  const mercuriusCode = MERCURIUS_CODES[(original as { code?: string } | undefined)?.code ?? ''];
  if (mercuriusCode) return { message: error.message, ...where, extensions: { ...mercuriusCode } };
  // Fastify refused the HTTP request itself (e.g. a body over the limit).
  const httpStatus = (original as { statusCode?: unknown } | undefined)?.statusCode;
  if (typeof httpStatus === 'number' && httpStatus >= 400 && httpStatus < 500) {
    const tooLarge = (original as { code?: string }).code === 'FST_ERR_CTP_BODY_TOO_LARGE';
    return { message: error.message, ...where, extensions: tooLarge ? { code: kitErrors.payloadTooLarge.code, status: 413 } : { code: 'bad-request', status: httpStatus } };
  }
  // A GraphQL error without an original one is the document's fault: syntax, validation, variables.
  if (graphqlError && !original) return { message: error.message, ...where, extensions: { code: 'graphql-validation-failed', status: 400 } };
  log.error({ err: original ?? error }, 'graphql resolver failed');
  return { message: 'Internal error', ...where, extensions: { code: 'internal', status: 500 } };
}
