import { defineTopology } from '@mercato/kit';

/**
 * The declarative topology: every service, whom it may call (the allow-list, like security groups),
 * and its replicas. The launcher, the transports and the deploy generators all read this file.
 */
export const topology = defineTopology({
  services: {
    gateway: { load: () => import('./services/gateway/src/main.ts'), calls: ['identity', 'catalog', 'search', 'customers', 'inventory', 'pricing', 'cart', 'checkout', 'orders', 'payments', 'notifications'], database: false },
    identity: { load: () => import('./services/identity/src/main.ts'), calls: [], replicas: 1 },
    catalog: { load: () => import('./services/catalog/src/main.ts'), calls: ['identity'], replicas: 2 },
    search: { load: () => import('./services/search/src/main.ts'), calls: ['identity', 'catalog'], replicas: 1 },
    customers: { load: () => import('./services/customers/src/main.ts'), calls: ['identity'], replicas: 1 },
    inventory: { load: () => import('./services/inventory/src/main.ts'), calls: ['identity', 'catalog'], replicas: 1 },
    pricing: { load: () => import('./services/pricing/src/main.ts'), calls: ['identity', 'catalog', 'customers'], replicas: 1 },
    cart: { load: () => import('./services/cart/src/main.ts'), calls: ['identity', 'pricing'], replicas: 1 },
    checkout: { load: () => import('./services/checkout/src/main.ts'), calls: ['identity', 'cart', 'inventory', 'pricing', 'payments', 'orders'], replicas: 1 },
    orders: { load: () => import('./services/orders/src/main.ts'), calls: ['identity', 'payments'], replicas: 1 },
    payments: { load: () => import('./services/payments/src/main.ts'), calls: ['identity'], replicas: 1 },
    notifications: { load: () => import('./services/notifications/src/main.ts'), calls: ['identity', 'orders'], replicas: 1 },
  },
});
