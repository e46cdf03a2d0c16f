import type { ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { ADMINS } from '../domain/roles.ts';
import type { Identity } from '../identity.ts';
import { createClient } from '../store/clients.store.ts';
import { allKeys, rotateSigningKey } from '../store/signing-keys.store.ts';
import { ClientInput, CreatedClient, SigningKeyInfo } from './schemas.ts';

/** Administration: machine clients (client_credentials) and signing-key rotation. */
export function adminRoutes(app: ServiceApp, identity: Identity): void {
  const { db } = identity;

  app.post(
    '/api/identity/clients',
    {
      config: { access: ADMINS, idempotent: true },
      schema: { tags: ['clients'], summary: 'Create a machine client (ERP, PIM, CRM integrations)', body: ClientInput, response: { 201: CreatedClient } },
    },
    async (request, reply) => {
      const client = await createClient(db, request.body);
      const body = { client_id: client.clientId, client_secret: client.clientSecret, name: client.name, scopes: client.scopes, createdAt: client.createdAt };
      return reply.code(201).header('cache-control', 'no-store').send(body);
    },
  );

  const listKeys = async () => {
    const keys = await allKeys(db);
    const signing = keys.find((k) => k.retiredAt === null)?.kid;
    return { items: keys.map((k) => ({ kid: k.kid, createdAt: k.createdAt.toISOString(), retiredAt: k.retiredAt?.toISOString() ?? null, signing: k.kid === signing })) };
  };
  const KeyList = Type.Object({ items: Type.Array(SigningKeyInfo) });

  app.get(
    '/api/identity/keys',
    { config: { access: ADMINS }, schema: { tags: ['keys'], summary: 'List signing keys, newest first', response: { 200: KeyList } } },
    listKeys,
  );

  app.post(
    '/api/identity/keys/rotate',
    {
      config: { access: ADMINS },
      schema: { tags: ['keys'], summary: 'Start signing with a new key; older keys keep verifying until retired', response: { 201: KeyList } },
    },
    async (_request, reply) => {
      await rotateSigningKey(db, identity.config.MERCATO_KEY_RETIRE_AFTER_S * 1000);
      await identity.oidc.reload();
      // This replica's own verifier learns the new key now, not at its next refetch.
      await identity.ctx.verifier.refresh();
      return reply.code(201).send(await listKeys());
    },
  );
}
