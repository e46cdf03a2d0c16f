import type { ServiceApp } from '../service.ts';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { kitErrors, ProblemError, PROBLEM_CONTENT_TYPE, type ProblemSpec } from './problem.ts';

/** Fastify's own error codes mapped to stable problem types. */
const FASTIFY_CODES: Record<string, ProblemSpec> = {
  FST_ERR_CTP_BODY_TOO_LARGE: kitErrors.payloadTooLarge,
  FST_ERR_CTP_INVALID_MEDIA_TYPE: kitErrors.unsupportedMediaType,
  FST_ERR_CTP_INVALID_CONTENT_LENGTH: kitErrors.malformedBody,
  FST_ERR_CTP_EMPTY_JSON_BODY: kitErrors.malformedBody,
  FST_ERR_CTP_INVALID_JSON_BODY: kitErrors.malformedBody,
};

/** Converts any error into a problem+json answer; 5xx details stay in the log, never in the body. */
export function toProblemError(error: FastifyError | ProblemError | Error): ProblemError {
  if (error instanceof ProblemError) return error;
  const fe = error as FastifyError;
  if (fe.validation) {
    const errors = fe.validation.map((v) => ({
      pointer: `${fe.validationContext ?? 'body'}${v.instancePath || ''}`,
      detail: v.message ?? 'invalid',
      ...(v.params && 'missingProperty' in v.params ? { missing: v.params.missingProperty } : {}),
      ...(v.params && 'additionalProperty' in v.params ? { unexpected: v.params.additionalProperty } : {}),
    }));
    return new ProblemError(kitErrors.validationFailed, errors.map((e) => `${e.pointer}: ${e.detail}`).join('; '), { errors });
  }
  const mapped = fe.code ? FASTIFY_CODES[fe.code] : undefined;
  if (mapped) return new ProblemError(mapped, fe.message);
  if (error instanceof SyntaxError) return new ProblemError(kitErrors.malformedBody, 'The body is not valid JSON');
  const status = fe.statusCode ?? 500;
  if (status === 429) return new ProblemError(kitErrors.rateLimited, fe.message);
  if (status >= 400 && status < 500) {
    return new ProblemError({ code: status === 404 ? 'not-found' : 'bad-request', status, title: fe.message || 'Bad request' });
  }
  return new ProblemError(kitErrors.internal);
}

/** Sends a problem response. */
export function sendProblem(reply: FastifyReply, request: FastifyRequest, error: ProblemError): FastifyReply {
  for (const [name, value] of Object.entries(error.headers)) reply.header(name, value);
  return reply.code(error.status).type(PROBLEM_CONTENT_TYPE).send(JSON.stringify(error.toBody(request.url.split('?')[0])));
}

/** Installs the error and not-found handlers: every failure leaves as RFC 9457 problem+json. */
export function installErrorHandling(app: ServiceApp): void {
  app.setErrorHandler((error, request, reply) => {
    const problem = toProblemError(error as FastifyError);
    if (problem.status >= 500) request.log.error({ err: error }, 'request failed');
    return sendProblem(reply, request, problem);
  });
  app.setNotFoundHandler((request, reply) =>
    sendProblem(reply, request, new ProblemError(kitErrors.notFound, `No route for ${request.method} ${request.url.split('?')[0]}`)),
  );
}
