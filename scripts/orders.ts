/**
 * `npm run orders -- <command>`: operations on the orders service through the gateway's staff API.
 *   rebuild    replays every order's events into fresh read-model tables, swaps them in atomically,
 *              and prints the counts and the new tables' hashes
 *   hash       prints the SHA-256 of each read model (compare two installations, or before/after)
 * Needs MERCATO_URL (default http://localhost:8080) and an admin token: MERCATO_TOKEN, or
 * MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL).
 */
import { parseArgs } from 'node:util';
import { call, token } from './lib/admin-api.ts';

const { positionals } = parseArgs({ allowPositionals: true });
const [command] = positionals;

async function main(): Promise<void> {
  switch (command) {
    case 'rebuild': {
      const result = await call('POST', '/api/orders/read-models/rebuild', await token());
      console.log(`rebuilt the read models of ${result.orders} orders from ${result.events} events in ${result.durationMs} ms (${result.caughtUp} caught up at the swap)`);
      for (const [model, hash] of Object.entries(result.hashes)) console.log(`${model.padEnd(12)} ${hash}`);
      break;
    }
    case 'hash':
      for (const [model, hash] of Object.entries(await call('GET', '/api/orders/read-models/hash', await token()))) console.log(`${model.padEnd(12)} ${hash}`);
      break;
    default:
      console.error('usage: npm run orders -- rebuild | hash');
      process.exit(2);
  }
}

try {
  await main();
} catch (error) {
  console.error(`orders ${command}: ${(error as Error).message}${(error as { cause?: Error }).cause ? ` (${(error as { cause: Error }).cause.message})` : ''}`);
  process.exit(1);
}
