import type { ServiceApp } from '../service.ts';
import { createHash } from 'node:crypto';
import type { Kysely } from 'kysely';
import type { KitTables } from '../db/kit-migrations.ts';
import { kitErrors, ProblemError } from './problem.ts';

const MAX_KEY_LENGTH = 255;
/** How long a first response is kept for replays. */
export const IDEMPOTENCY_RETENTION_MS = 24 * 3600_000;
/** A first request still unanswered after this long was lost (its process crashed): a retry takes its key over. */
export const IDEMPOTENCY_ABANDONED_MS = 60_000;

/** Deletes idempotency records past their retention (they may hold response bodies). */
export async function sweepIdempotency(db: Kysely<KitTables>, now = Date.now()): Promise<number> {
  const result = await db.deleteFrom('kit_idempotency').where('created_at', '<', new Date(now - IDEMPOTENCY_RETENTION_MS)).executeTakeFirst();
  return Number(result.numDeletedRows);
}

/**
 * `Idempotency-Key` for creating POSTs (routes with `config.idempotent`): the first request with a
 * key runs; a replay with the same key and body gets the first response (status and body) with
 * `Idempotent-Replayed: true`; the same key with a different body is a 422; a replay while the first
 * is still running is a 409. A 5xx answer frees the key so the client can retry; so does a first
 * request left unanswered past its route's `abandonAfterMs` (its process died): the retry runs.
 */
export function installIdempotency(app: ServiceApp, db: Kysely<KitTables>): void {
  app.decorateRequest('idempotency', undefined);

  app.addHook('preHandler', async (request, reply) => {
    if (!request.routeOptions.config?.idempotent) return;
    const key = request.headers['idempotency-key'];
    if (typeof key !== 'string') return;
    if (key.length === 0 || key.length > MAX_KEY_LENGTH) {
      throw new ProblemError(kitErrors.validationFailed, `Idempotency-Key must be 1–${MAX_KEY_LENGTH} characters`);
    }
    const scope = `${request.principal?.sub ?? 'anonymous'} ${request.method} ${request.routeOptions.url}`;
    const requestHash = createHash('sha256').update(request.url).update('\0').update(JSON.stringify(request.body ?? null)).digest('hex');
    const inserted = await db
      .insertInto('kit_idempotency')
      .values({ key, scope, request_hash: requestHash })
      .onConflict((oc) => oc.doNothing())
      .returning('key')
      .executeTakeFirst();
    if (inserted) {
      request.idempotency = { key, scope };
      return;
    }
    const first = await db.selectFrom('kit_idempotency').selectAll().where('scope', '=', scope).where('key', '=', key).executeTakeFirst();
    if (!first) throw new ProblemError(kitErrors.idempotencyKeyInUse, 'Retry the request');
    if (first.request_hash !== requestHash) throw new ProblemError(kitErrors.idempotencyKeyReused);
    if (first.status === null) {
      const setting = request.routeOptions.config.idempotent;
      const abandonAfterMs = typeof setting === 'object' ? setting.abandonAfterMs : IDEMPOTENCY_ABANDONED_MS;
      if (Date.now() - first.created_at.getTime() < abandonAfterMs) throw new ProblemError(kitErrors.idempotencyKeyInUse);
      const takenOver = await db
        .updateTable('kit_idempotency')
        .set({ created_at: new Date() })
        .where('scope', '=', scope)
        .where('key', '=', key)
        .where('status', 'is', null)
        .where('created_at', '<', new Date(Date.now() - abandonAfterMs))
        .returning('key')
        .executeTakeFirst();
      if (!takenOver) throw new ProblemError(kitErrors.idempotencyKeyInUse);
      request.idempotency = { key, scope };
      return;
    }
    return reply
      .code(first.status)
      .header('idempotent-replayed', 'true')
      .type(first.content_type ?? 'application/json')
      .send(first.body);
  });

  app.addHook('onSend', async (request, reply, payload) => {
    const record = request.idempotency;
    if (!record) return payload;
    request.idempotency = undefined;
    const where = (q: any) => q.where('scope', '=', record.scope).where('key', '=', record.key);
    if (reply.statusCode >= 500) {
      await where(db.deleteFrom('kit_idempotency')).execute();
    } else {
      const body = typeof payload === 'string' ? payload : Buffer.isBuffer(payload) ? payload.toString('utf8') : JSON.stringify(payload ?? null);
      const contentType = String(reply.getHeader('content-type') ?? 'application/json');
      await where(db.updateTable('kit_idempotency').set({ status: reply.statusCode, content_type: contentType, body })).execute();
    }
    return payload;
  });
}
