import { defineErrors } from '@mercato/kit';

/** The search service's error catalog; each code is documented in docs/reference/errors.md. */
export const searchErrors = defineErrors({
  indexNotReady: { status: 503, title: 'The search index is still loading' },
  reindexRunning: { status: 409, title: 'A reindex is already running' },
  badCursor: { status: 400, title: 'The cursor does not belong to this sort order' },
});
