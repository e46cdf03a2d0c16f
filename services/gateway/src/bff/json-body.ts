import { kitErrors, ProblemError, type ServiceApp } from '@mercato/kit';

/**
 * The proxy takes every body as raw bytes for the whole gateway; the BFF routes (in their own
 * plugin scope) parse JSON themselves.
 */
export function parseJsonBodies(scope: ServiceApp): void {
  scope.removeAllContentTypeParsers();
  scope.addContentTypeParser('application/json', { parseAs: 'string' }, (_request, body, done) => {
    try {
      done(null, body === '' ? undefined : JSON.parse(body as string));
    } catch {
      done(new ProblemError(kitErrors.malformedBody, 'The body is not valid JSON'), undefined);
    }
  });
}
