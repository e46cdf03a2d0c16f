import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { describeAccess } from '@mercato/kit/auth/principal.ts';
import { committedOpenApi, generateOpenApi } from './openapi.ts';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'] as const;

/** The paragraph the kit appends to every operation's description says who may call it. */
const FIXED_RULES = new Set((['public', 'authenticated', 'internal'] as const).map((access) => describeAccess(access)));
const PUBLIC_RULE = describeAccess('public');
const isAccessRule = (paragraph: string) => FIXED_RULES.has(paragraph) || /^Requires (roles|scopes): \S.*\.$/.test(paragraph);

interface Operation {
  summary?: string;
  description?: string;
  security?: unknown[];
}

interface Document {
  paths?: Record<string, Partial<Record<(typeof METHODS)[number], Operation>>>;
}

function operations(document: Document): Array<{ name: string; operation: Operation }> {
  return Object.entries(document.paths ?? {}).flatMap(([path, item]) =>
    METHODS.flatMap((method) => (item[method] ? [{ name: `${method.toUpperCase()} ${path}`, operation: item[method] }] : [])),
  );
}

/** What the operations of one document lack: a summary, the access rule, security where needed. */
function operationProblems(service: string, document: Document): string[] {
  const problems: string[] = [];
  for (const { name, operation } of operations(document)) {
    const where = `${service}: ${name}`;
    if (!operation.summary?.trim()) problems.push(`${where}: no summary`);
    const paragraphs = (operation.description ?? '').split('\n\n');
    const rule = paragraphs.at(-1) ?? '';
    if (!isAccessRule(rule)) problems.push(`${where}: the description does not end with who may call it (config.access)`);
    if (paragraphs.filter((p) => isAccessRule(p)).length > 1) problems.push(`${where}: the access rule appears more than once`);
    const secured = Array.isArray(operation.security) && operation.security.length > 0;
    if (rule !== PUBLIC_RULE && !secured) problems.push(`${where}: not public, but declares no security`);
  }
  return problems;
}

describe('docs/reference/openapi', () => {
  let generated: Map<string, string>;
  let committed: Map<string, string>;
  before(async () => {
    [generated, committed] = await Promise.all([generateOpenApi(), committedOpenApi()]);
  });

  it('has one committed document per service, identical to the one the service generates', () => {
    assert.ok(generated.size > 0, 'no service serves an OpenAPI document');
    for (const [service, text] of generated) {
      const file = `docs/reference/openapi/${service}.json`;
      assert.ok(committed.has(service), `${file} is missing: run \`npm run docs:openapi\``);
      assert.ok(committed.get(service) === text, `${file} differs from the document ${service} generates: run \`npm run docs:openapi\``);
    }
    for (const service of committed.keys()) {
      assert.ok(generated.has(service), `docs/reference/openapi/${service}.json: no service ${service} serves a document; run \`npm run docs:openapi\``);
    }
  });

  it('gives every operation a summary, a description saying who may call it, and security unless public', () => {
    const problems = [...generated].flatMap(([service, text]) => operationProblems(service, JSON.parse(text) as Document));
    assert.deepEqual(problems, []);
  });
});

describe('the operation check', () => {
  it('accepts documented operations and names each gap', () => {
    const ok: Document = {
      paths: {
        '/a': { get: { summary: 'Read', description: 'Reads.\n\nPublic: no token needed.' } },
        '/b': { post: { summary: 'Write', description: 'Requires roles: admin, editor or scopes: b:write.', security: [{ bearerAuth: [] }] } },
      },
    };
    assert.deepEqual(operationProblems('s', ok), []);
    const bad: Document = {
      paths: {
        '/a': { get: { description: 'Public: no token needed.\n\nPublic: no token needed.' } },
        '/b': { post: { summary: 'Write', description: 'Any signed-in caller (valid access token).' } },
        '/c': { put: { summary: 'Put', description: 'Writes things.', security: [{ bearerAuth: [] }] } },
      },
    };
    assert.deepEqual(operationProblems('s', bad), [
      's: GET /a: no summary',
      's: GET /a: the access rule appears more than once',
      's: POST /b: not public, but declares no security',
      's: PUT /c: the description does not end with who may call it (config.access)',
    ]);
  });
});
