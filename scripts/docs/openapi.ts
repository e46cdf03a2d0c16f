/**
 * `npm run docs:openapi`: regenerates docs/reference/openapi/<service>.json, the OpenAPI 3.1 document
 * each service builds from its route schemas (the edge, which only merges them, is skipped). Each
 * service is started in-process on a fresh database of the test PostgreSQL server when one is shared
 * (MERCATO_TEST_PG_URL, as under `npm test`), otherwise of a bundled server started for the run.
 */
import { existsSync, readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { freePort, startEmbeddedPostgres, type ServiceDefinition } from '@mercato/kit';
import { startTestService, TEST_SERVER_ENV } from '@mercato/testing';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Where the committed documents live. */
export const OPENAPI_DIR = join(ROOT, 'docs/reference/openapi');

/** Every service definition under services/ that serves its own document (not the edge), by name. */
export async function documentedServices(): Promise<ServiceDefinition[]> {
  const servicesDir = join(ROOT, 'services');
  const definitions: ServiceDefinition[] = [];
  for (const folder of readdirSync(servicesDir).sort()) {
    const main = join(servicesDir, folder, 'src', 'main.ts');
    if (!existsSync(main)) continue;
    const definition = ((await import(pathToFileURL(main).href)) as { default: ServiceDefinition }).default;
    if (definition.name !== folder) throw new Error(`${relative(ROOT, main)} defines service ${definition.name}`);
    if (!definition.edge) definitions.push(definition);
  }
  return definitions;
}

/** Each service's document as the committed file should read (pretty-printed, key order as served). */
export async function generateOpenApi(): Promise<Map<string, string>> {
  const documents = new Map<string, string>();
  for (const definition of await documentedServices()) {
    const service = await startTestService(definition);
    try {
      const response = await service.inject({ method: 'GET', url: '/openapi.json' });
      if (response.statusCode !== 200) throw new Error(`${definition.name}: GET /openapi.json answered ${response.statusCode}: ${response.body}`);
      documents.set(definition.name, JSON.stringify(response.json(), null, 2) + '\n');
    } finally {
      await service.stop();
    }
  }
  return documents;
}

/** The committed documents, by service name. */
export async function committedOpenApi(): Promise<Map<string, string>> {
  const files = existsSync(OPENAPI_DIR) ? readdirSync(OPENAPI_DIR).filter((f) => f.endsWith('.json')) : [];
  const entries = await Promise.all(files.sort().map(async (f) => [f.slice(0, -'.json'.length), await readFile(join(OPENAPI_DIR, f), 'utf8')] as const));
  return new Map(entries);
}

/** Runs `generateOpenApi` against the shared test server, or a bundled one started for the call. */
async function withPostgres<T>(fn: () => Promise<T>): Promise<T> {
  if (process.env[TEST_SERVER_ENV]) return fn();
  const dataDir = await mkdtemp(join(tmpdir(), 'mercato-openapi-pg-'));
  const server = await startEmbeddedPostgres(dataDir, await freePort());
  process.env[TEST_SERVER_ENV] = server.url; // the harness reads the server from here
  try {
    return await fn();
  } finally {
    delete process.env[TEST_SERVER_ENV];
    await server.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const documents = await withPostgres(generateOpenApi);
  await mkdir(OPENAPI_DIR, { recursive: true });
  for (const name of (await committedOpenApi()).keys()) {
    if (!documents.has(name)) {
      await rm(join(OPENAPI_DIR, `${name}.json`));
      console.log(`removed ${relative(ROOT, OPENAPI_DIR)}/${name}.json (no such service)`);
    }
  }
  for (const [name, text] of documents) {
    const file = join(OPENAPI_DIR, `${name}.json`);
    const before = existsSync(file) ? await readFile(file, 'utf8') : undefined;
    if (before !== text) await writeFile(file, text);
    console.log(`${relative(ROOT, file)}: ${before === text ? 'unchanged' : before === undefined ? 'created' : 'updated'}`);
  }
}
