/**
 * `npm run reindex -w @mercato/search [-- --no-wait]` (or `tsx scripts/search-reindex.ts`): rebuilds the search read model from the
 * catalog's event feed through the staff API, printing progress until the new generation is active.
 * Needs MERCATO_URL (default http://localhost:8080) and MERCATO_TOKEN (scope ops:write, or an admin
 * token), or MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL).
 */
import { parseArgs } from 'node:util';
import { call, token } from './lib/admin-api.ts';

const { values } = parseArgs({ options: { 'no-wait': { type: 'boolean', default: false } } });

const bearer = await token();
const { generation } = await call('POST', '/api/search/reindex', bearer);
console.log(`reindex started: generation ${generation}`);
if (!values['no-wait']) {
  for (;;) {
    await new Promise((r) => setTimeout(r, 1000));
    const progress = await call('GET', '/api/search/reindex', bearer);
    const building = progress.generations.find((g: { id: number }) => g.id === generation);
    console.log(`generation ${generation}: ${building?.status ?? 'unknown'}, ${building?.eventsRead ?? 0} events read`);
    if (building?.status === 'failed') {
      console.error(`reindex failed: ${building.error}`);
      process.exit(1);
    }
    if (progress.activeGeneration === generation) {
      console.log(`generation ${generation} is active (${building.documents} products)`);
      break;
    }
  }
}
