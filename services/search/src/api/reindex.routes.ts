import type { ServiceApp } from '@mercato/kit';
import { Type } from '@sinclair/typebox';
import type { Kysely } from 'kysely';
import type { IndexReplica } from '../index/replica.ts';
import type { Reindexer } from '../reindex/reindexer.ts';
import { readState, recentGenerations } from '../store/generations.store.ts';
import type { SearchTables } from '../store/tables.ts';

const OPERATORS = { roles: ['admin'], scopes: ['ops:write'] } as const;
const READERS = { roles: ['admin'], scopes: ['ops:read'] } as const;
const tags = ['search operations'];

const Generation = Type.Object({
  id: Type.Integer(),
  status: Type.String(),
  startedAt: Type.String(),
  finishedAt: Type.Union([Type.String(), Type.Null()]),
  heartbeatAt: Type.String(),
  eventsRead: Type.Integer({ description: 'Feed events read so far' }),
  documents: Type.Integer({ description: 'Products in the generation (set when it becomes active)' }),
  requestedBy: Type.Union([Type.String(), Type.Null()]),
  error: Type.Union([Type.String(), Type.Null()]),
});

/** Staff operations: rebuild the read model from the catalog's feed, and see progress and this replica's index. */
export function reindexRoutes(app: ServiceApp, db: Kysely<SearchTables>, reindexer: Reindexer, replica: IndexReplica): void {
  app.post(
    '/api/search/reindex',
    {
      config: { access: OPERATORS },
      schema: {
        tags,
        summary: 'Rebuild the search read model from the catalog event feed into a new generation, then switch to it',
        response: { 202: Type.Object({ generation: Type.Integer() }) },
      },
    },
    async (request, reply) => {
      const generation = await reindexer.start(request.principal?.sub ?? null);
      return reply.code(202).send({ generation });
    },
  );

  app.get(
    '/api/search/reindex',
    {
      config: { access: READERS },
      schema: {
        tags,
        summary: 'Reindex progress: the active and building generations, and the latest ones',
        response: {
          200: Type.Object({ activeGeneration: Type.Integer(), buildingGeneration: Type.Union([Type.Integer(), Type.Null()]), generations: Type.Array(Generation) }),
        },
      },
    },
    async () => {
      const state = await readState(db);
      return { activeGeneration: state.activeGeneration, buildingGeneration: state.buildingGeneration, generations: await recentGenerations(db) };
    },
  );

  app.get(
    '/api/search/status',
    {
      config: { access: READERS },
      schema: { tags, summary: "This replica's in-memory index: generation, size, tail position, memory" },
    },
    async () => {
      const index = replica.index;
      const memory = process.memoryUsage();
      return {
        ready: index !== undefined,
        generation: index?.generation ?? null,
        products: index?.size ?? 0,
        deadDocuments: index?.deadDocuments ?? 0,
        addedSinceBuild: index?.addedSinceSeal ?? 0,
        terms: index?.terms.size ?? 0,
        indexTypedArrayBytes: index?.typedBytes ?? 0,
        currentWithSeq: replica.currentWith,
        rebuilding: replica.isRebuilding,
        lastBuild: replica.lastBuild ?? null,
        lastError: replica.lastError ?? null,
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
      };
    },
  );
}
