import { catalogEvents } from '@mercato/contracts';
import { defineService } from '@mercato/kit';
import { migrations } from '../migrations/index.ts';
import { attributeRoutes } from './api/attributes.routes.ts';
import { brandRoutes } from './api/brands.routes.ts';
import { categoryRoutes } from './api/categories.routes.ts';
import { channelRoutes } from './api/channels.routes.ts';
import { productRoutes } from './api/products.routes.ts';
import { transferRoutes } from './api/imports.routes.ts';
import { seedDemoCatalog } from './seed/demo-catalog.ts';
import type { CatalogTables } from './store/tables.ts';

/** Catalog (PIM): products with variants, attribute definitions, a category tree, brands and channels. */
export default defineService<CatalogTables>({
  name: 'catalog',
  description: 'Products, variants (unique SKUs), attribute definitions, categories, brands and channels. Public reads, staff writes.',
  migrations,
  publishes: catalogEvents,
  routes(app, ctx) {
    productRoutes(app, ctx);
    categoryRoutes(app, ctx);
    brandRoutes(app, ctx);
    attributeRoutes(app, ctx);
    channelRoutes(app, ctx);
    transferRoutes(app, ctx);
  },
  seed: (ctx) => seedDemoCatalog(ctx),
});
