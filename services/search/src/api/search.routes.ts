import type { ServiceApp, ServiceContext } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import type { SearchTables } from '../store/tables.ts';

const Hit = Type.Object({ id: Type.String(), handle: Type.String(), name: Type.String(), skus: Type.Array(Type.String()), version: Type.Integer() });

/** Product search over the read model (first slice: ranked full text; facets come with the search issue). */
export function searchRoutes(app: ServiceApp, ctx: ServiceContext<SearchTables>): void {
  app.get(
    '/api/search/products',
    {
      config: { access: 'public' },
      schema: {
        tags: ['search'],
        summary: 'Search published products',
        querystring: Type.Object(
          { q: Type.String({ minLength: 1, maxLength: 200 }), limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }) },
          { additionalProperties: false },
        ),
        response: { 200: Type.Object({ items: Type.Array(Hit) }) },
      },
    },
    async (request) => {
      const query = sql`websearch_to_tsquery('simple', ${request.query.q})`;
      const items = await ctx.db
        .selectFrom('search_products')
        .select(['id', 'handle', 'name', 'skus', 'version'])
        .where('status', '=', 'published')
        .where(sql<boolean>`document @@ ${query}`)
        .orderBy(sql`ts_rank(document, ${query})`, 'desc')
        .orderBy('id')
        .limit(request.query.limit)
        .execute();
      return { items };
    },
  );
}
