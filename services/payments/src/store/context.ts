import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { PaymentsTables } from './tables.ts';

/** The context payments handlers receive. */
export type PaymentsContext = ServiceContext<PaymentsTables>;
export type Db = Kysely<PaymentsTables>;
export type Tx = Transaction<PaymentsTables>;
