import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';

/** A new account, as identity created it (never with credentials). */
export const AccountRegisteredData = Type.Object({
  id: Type.String({ description: 'The account id, the `sub` of its access tokens' }),
  email: Type.String({ description: 'Normalized (lower-case) email' }),
  name: Type.String(),
  roles: Type.Array(Type.String()),
  createdAt: Type.String({ format: 'date-time' }),
});

/** An account was created (self-registration, or by the seed); subject: the account id. */
export const accountRegistered = defineEvent('mercato.identity.account.registered.v1', AccountRegisteredData);

/** Every event identity publishes. */
export const identityEvents = [accountRegistered];
