import { startTestService, type TestService } from '@mercato/testing';
import { eventually } from '@mercato/testing';
import type { CloudEvent } from '@mercato/kit';
import { searchService, type SearchServiceOptions } from '../src/service.ts';
import { CatalogEvents } from './catalog-events.ts';

/** The search service on a fresh database, fed catalog events directly through its bus. */
export interface SearchHarness {
  svc: TestService;
  catalog: CatalogEvents;
  staff: string;
  /** Delivers events as the bus would, and waits until this replica's index has applied them. */
  deliver(...events: CloudEvent[]): Promise<void>;
  /** Waits until the index has applied every change of the read model. */
  settle(): Promise<void>;
  search(query: string): Promise<{ status: number; body: any }>;
}

export async function startSearch(options: SearchServiceOptions & { catalog?: CatalogEvents } = {}): Promise<SearchHarness> {
  const catalog = options.catalog ?? new CatalogEvents();
  const svc = await startTestService(searchService(options), { env: { SEARCH_POLL_MS: '10' } });
  const staff = await svc.issuer.mint({ sub: 'acct_ops', roles: ['admin'] });
  const settle = async () => {
    const state = async () => {
      const [status, progress] = await Promise.all([svc.request('GET', '/api/search/status', { token: staff }), svc.request('GET', '/api/search/reindex', { token: staff })]);
      return { status: status.json(), progress: progress.json() };
    };
    const { changeSeq } = await svc.service.context.db.selectFrom('search_state' as never).select('change_seq as changeSeq' as never).executeTakeFirstOrThrow() as { changeSeq: string };
    await eventually(async () => {
      const { status, progress } = await state();
      return status.generation === progress.activeGeneration && BigInt(status.currentWithSeq) >= BigInt(changeSeq) && !status.rebuilding;
    }, 10_000, 10);
  };
  return {
    svc,
    catalog,
    staff,
    async deliver(...events) {
      await svc.bus.publish(events);
      await settle();
    },
    settle,
    async search(query) {
      const answer = await svc.request('GET', `/api/search/${query}`);
      return { status: answer.statusCode, body: answer.json() };
    },
  };
}
