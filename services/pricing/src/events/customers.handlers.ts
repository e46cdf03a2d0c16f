import { customerUpserted, type EventData } from '@mercato/contracts';
import { onEvent } from '@mercato/kit';
import { upsertCustomer } from '../store/read-models.store.ts';
import type { PricingTables } from '../store/tables.ts';

/** Learns each customer's account, company and effective groups (a company's group change re-publishes its buyers). */
export const customersHandlers = [
  onEvent<PricingTables>(customerUpserted, async (event, tx) => {
    await upsertCustomer(tx, event.data as EventData<typeof customerUpserted>);
  }),
];
