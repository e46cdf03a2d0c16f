import { customersEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { addressRoutes } from './api/addresses.routes.ts';
import { companyRoutes } from './api/companies.routes.ts';
import { customerRoutes } from './api/customers.routes.ts';
import { groupRoutes } from './api/groups.routes.ts';
import { meRoutes } from './api/me.routes.ts';
import { identityHandlers } from './events/identity.handlers.ts';
import type { CustomersTables } from './store/tables.ts';

/** Customers (CRM), first slice: profiles linked to identity accounts, addresses, groups and B2B companies. */
export default defineService<CustomersTables>({
  name: 'customers',
  description: 'Customer profiles and addresses, customer groups and B2B companies; publishes each customer’s effective groups.',
  migrations,
  publishes: customersEvents,
  consumes: identityHandlers,
  routes(app, ctx) {
    meRoutes(app, ctx);
    addressRoutes(app, ctx);
    customerRoutes(app, ctx);
    companyRoutes(app, ctx);
    groupRoutes(app, ctx);
  },
});
