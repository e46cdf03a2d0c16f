/**
 * `npm run events -- <command>`: operations on the event backbone through the gateway's staff API.
 *   status [service…]            outbox lag and queue depth (all services with events by default)
 *   dead-letters <service>       events that exhausted their attempts
 *   replay <service> [id…]       deliver dead letters again (all, or the given event ids)
 * Needs MERCATO_URL (default http://localhost:8080) and either MERCATO_TOKEN or
 * MERCATO_ADMIN_EMAIL + MERCATO_ADMIN_PASSWORD.
 */
import { parseArgs } from 'node:util';

const { positionals } = parseArgs({ allowPositionals: true });
const [command, ...args] = positionals;
const base = process.env.MERCATO_URL ?? 'http://localhost:8080';
const EVENT_SERVICES = ['catalog', 'search'];

async function token(): Promise<string> {
  if (process.env.MERCATO_TOKEN) return process.env.MERCATO_TOKEN;
  const { MERCATO_ADMIN_EMAIL: email = 'admin@mercato.local', MERCATO_ADMIN_PASSWORD: password } = process.env;
  if (!password) throw new Error('set MERCATO_TOKEN, or MERCATO_ADMIN_PASSWORD (and MERCATO_ADMIN_EMAIL)');
  const body = await call('POST', '/api/identity/login', undefined, { email, password });
  return (body as { access_token: string }).access_token;
}

async function call(method: string, path: string, bearer?: string, body?: unknown): Promise<unknown> {
  const response = await fetch(base + path, {
    method,
    headers: { ...(bearer ? { authorization: `Bearer ${bearer}` } : {}), ...(body ? { 'content-type': 'application/json' } : {}) },
    ...(body ? { body: JSON.stringify(body) } : {}),
  });
  const parsed = (await response.json()) as unknown;
  if (!response.ok) throw new Error(`${method} ${path}: ${response.status} ${JSON.stringify(parsed)}`);
  return parsed;
}

const bearer = await token();
switch (command) {
  case 'status':
    for (const service of args.length ? args : EVENT_SERVICES) console.log(service, JSON.stringify(await call('GET', `/api/${service}/events/status`, bearer)));
    break;
  case 'dead-letters': {
    const { items } = (await call('GET', `/api/${args[0]}/events/dead-letters`, bearer)) as { items: Array<Record<string, any>> };
    for (const d of items) console.log(`${d.id}  ${d.event.type}  ${d.event.subject}  attempts=${d.attempts}  ${d.deadAt}  ${d.error}`);
    console.log(`${items.length} dead letter(s)`);
    break;
  }
  case 'replay':
    console.log(JSON.stringify(await call('POST', `/api/${args[0]}/events/dead-letters/replay`, bearer, args.length > 1 ? { ids: args.slice(1) } : {})));
    break;
  default:
    console.error('usage: npm run events -- status [service…] | dead-letters <service> | replay <service> [id…]');
    process.exit(2);
}
