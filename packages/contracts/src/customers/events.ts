import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';

/** A group code, e.g. `wholesale` or `vip`. */
export const GroupCode = Type.String({ pattern: '^[a-z][a-z0-9-]{0,39}$', description: 'Lower-case code, e.g. wholesale', examples: ['wholesale'] });

/**
 * What other services need to know about a customer (no contact details: those stay in the
 * customers service). `effectiveGroups` is what prices and carts go by: the customer's own groups
 * plus their company's group, sorted, without duplicates.
 */
export const CustomerState = Type.Object({
  id: Type.String(),
  accountId: Type.String({ description: 'The identity account (the `sub` of its access tokens)' }),
  companyId: Type.Union([Type.String(), Type.Null()], { description: 'The B2B company the customer buys for' }),
  groups: Type.Array(GroupCode, { description: "Groups assigned to the customer directly" }),
  effectiveGroups: Type.Array(GroupCode, { description: "Own groups plus the company's group" }),
  version: Type.Integer({ minimum: 1, description: 'Increases on every change; send it back in If-Match' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** A B2B company; its buyers share its group (and so its contract prices). */
export const CompanyState = Type.Object({
  id: Type.String(),
  name: Type.String(),
  vatId: Type.Union([Type.String(), Type.Null()]),
  groupCode: Type.Union([GroupCode, Type.Null()]),
  version: Type.Integer({ minimum: 1, description: 'Increases on every change; send it back in If-Match' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** A customer group. */
export const GroupState = Type.Object({
  code: GroupCode,
  name: Type.String(),
  version: Type.Integer({ minimum: 1, description: 'Increases on every change; send it back in If-Match' }),
});

/**
 * A customer was created or changed, or their effective groups changed (a company moving to another
 * group re-publishes each of its buyers); `data` is the whole new state; subject: the customer id.
 */
export const customerUpserted = defineEvent('mercato.customers.customer.upserted.v1', CustomerState);

/** A company was created or changed; subject: the company id. */
export const companyUpserted = defineEvent('mercato.customers.company.upserted.v1', CompanyState);

/** A group was created or renamed; subject: the group code. */
export const groupUpserted = defineEvent('mercato.customers.group.upserted.v1', GroupState);

/** A group was deleted (only a group nobody is in can be); subject: the group code. */
export const groupDeleted = defineEvent('mercato.customers.group.deleted.v1', Type.Object({ code: GroupCode }));

/** Every event the customers service publishes. */
export const customersEvents = [customerUpserted, companyUpserted, groupUpserted, groupDeleted];
