import type { FastifyInstance } from 'fastify';
import { CONSISTENCY_HEADER, type DatabaseReader } from './reader.ts';

const READS = new Set(['GET', 'HEAD', 'OPTIONS']);

/**
 * Read-your-writes across requests: a successful write's answer carries `Consistency-Token` (the
 * primary's WAL position after it), and a read that presents it is served by a server that has
 * replayed that far (see `DatabaseReader.db`).
 */
export function addConsistencyHeader(app: FastifyInstance<any, any, any, any, any>, reader: DatabaseReader<unknown>): void {
  app.addHook('onSend', async (request, reply, payload) => {
    if (READS.has(request.method) || reply.statusCode >= 400) return payload;
    try {
      reply.header(CONSISTENCY_HEADER, await reader.token());
    } catch {
      /* no token: the client's next read may be stale, nothing worse */
    }
    return payload;
  });
}
