import type { ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { listChannels } from '../store/channels.store.ts';
import type { CatalogContext } from '../store/products.store.ts';
import { ChannelCode, Items } from './schemas.ts';

const Channel = Type.Object({ code: ChannelCode, name: Type.String() });

/** The sales channels products can be visible on (fixed by migration; no write API yet). */
export function channelRoutes(app: ServiceApp, ctx: CatalogContext): void {
  app.get(
    '/api/catalog/channels',
    { config: { access: 'public' }, schema: { tags: ['channels'], summary: 'List sales channels', response: { 200: Items(Channel) } } },
    async () => ({ items: await listChannels(ctx.db) }),
  );
}
