import type { ServiceContext } from '@mercato/kit';
import type { Kysely, Transaction } from 'kysely';
import type { NotificationsTables } from './tables.ts';

/** The context notifications handlers receive. */
export type NotificationsContext = ServiceContext<NotificationsTables>;
export type Db = Kysely<NotificationsTables>;
export type Tx = Transaction<NotificationsTables>;
