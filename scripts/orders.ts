/**
 * `npm run orders -- <command>`: operations on the orders service through the gateway's staff API.
 *   rebuild    replays every order's events into fresh read-model tables, swaps them in atomically,
 *              and prints the counts and the new tables' hashes
 *   hash       prints the SHA-256 of each read model (compare two installations, or before/after)
 * Needs MERCATO_URL (default http://localhost:8080) and an admin token: MERCATO_TOKEN, or
 * MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL).
 */
import { parseArgs } from 'node:util';

const { positionals } = parseArgs({ allowPositionals: true });
const [command] = positionals;
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
