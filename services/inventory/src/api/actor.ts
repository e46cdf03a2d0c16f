import type { FastifyRequest } from 'fastify';

/** Who made a change, for the audit trail: the token's subject, else the calling service. */
export function actorOf(request: FastifyRequest): string {
  if (request.principal) return request.principal.sub;
  return request.callerService ? `service:${request.callerService}` : 'anonymous';
}
