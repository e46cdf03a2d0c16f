/**
 * `npm run reindex -w @mercato/search [-- --no-wait]` (or `tsx scripts/search-reindex.ts`): rebuilds the search read model from the
 * catalog's event feed through the staff API, printing progress until the new generation is active.
 * Needs MERCATO_URL (default http://localhost:8080) and MERCATO_TOKEN (scope ops:write, or an admin
 * token), or MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL).
 */
import { parseArgs } from 'node:util';

const { values } = parseArgs({ options: { 'no-wait': { type: 'boolean', default: false } } });
const base = process.env.MERCATO_URL ?? 'http://localhost:8080';

async function call(method: string, path: string, bearer?: string, body?: unknown): Promise<any> {
  const response = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const parsed = await response.json();
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

async function token(): Promise<string> {
  if (process.env.MERCATO_TOKEN) return process.env.MERCATO_TOKEN;
  const { MERCATO_ADMIN_EMAIL: email = 'admin@mercato.local', MERCATO_ADMIN_PASSWORD: password } = process.env;
  if (!password) throw new Error('set MERCATO_TOKEN, or MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL)');
  return (await call('POST', '/api/identity/login', undefined, { email, password })).access_token;
}

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
