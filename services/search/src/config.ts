import { parseConfig, type Env } from '@mercato/kit';
import { Type, type Static } from '@sinclair/typebox';

const SearchConfig = Type.Object({
  /** How often a replica checks the read model for changes to apply to its in-memory index (ms). */
  SEARCH_POLL_MS: Type.Integer({ minimum: 10, default: 100 }),
  /** Rows per query when loading or tailing the read model. */
  SEARCH_PAGE_SIZE: Type.Integer({ minimum: 10, default: 5000 }),
  /** Rebuild the in-memory index when this share of it was added since its last build… */
  SEARCH_REBUILD_RATIO: Type.Number({ minimum: 0.01, default: 0.25 }),
  /** …and at least this many documents were. */
  SEARCH_REBUILD_MINIMUM: Type.Integer({ minimum: 1, default: 20_000 }),
});

export type SearchConfig = Static<typeof SearchConfig>;

/** Parses the search configuration; fails fast on bad values. */
export function loadSearchConfig(env: Env): SearchConfig {
  return parseConfig(SearchConfig, env);
}
