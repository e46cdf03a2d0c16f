import { catalogEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { categoryRoutes } from './api/categories.routes.ts';
import { productRoutes } from './api/products.routes.ts';
import { seedDemoCatalog } from './seed/demo-catalog.ts';
import type { CatalogTables } from './store/tables.ts';

/** Catalog (PIM), first slice: products with variants and categories. */
export default defineService<CatalogTables>({
  name: 'catalog',
  description: 'Products, variants (unique SKUs) and categories. Public reads, staff writes.',
  migrations,
  publishes: catalogEvents,
  routes(app, ctx) {
    productRoutes(app, ctx);
    categoryRoutes(app, ctx);
  },
  seed: (ctx) => seedDemoCatalog(ctx),
});
