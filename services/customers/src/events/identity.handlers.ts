import { accountRegistered, type EventData } from '@mercato/contracts';
import { onEvent } from '@mercato/kit';
import { ensureCustomer } from '../store/customers.store.ts';
import type { CustomersTables } from '../store/tables.ts';

/** A newly registered account gets its customer profile (or fills in one its first request created). */
export const identityHandlers = [
  onEvent<CustomersTables>(accountRegistered, async (event, tx, ctx) => {
    const account = event.data as EventData<typeof accountRegistered>;
    await ensureCustomer(ctx, tx, { accountId: account.id, email: account.email, name: account.name });
  }),
];
