/**
 * Service boundaries (docs/architecture.md, "The chassis"): a service imports only its own files, the kit,
 * the contracts and npm packages (the test harness in tests only); and nothing under services/ or
 * packages/ reads process.env except the service process entry point: the runtime hands each service
 * its environment, and the service's config.ts parses it.
 */
import assert from 'node:assert/strict';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));
const SOURCE = /\.[cm]?[jt]sx?$/;

/** `@mercato/*` packages a service may import; `testing` only from its tests. */
const SHARED_PACKAGES = ['@mercato/kit', '@mercato/contracts'];
const TEST_PACKAGES = ['@mercato/testing'];

/** Files that may read process.env, and why. */
const ENV_READERS: Record<string, string> = {
  'packages/kit/src/runtime/service-process.ts': 'the entry point of a service process turns its environment into start options',
  'packages/testing/src/postgres.ts': 'the test runner shares its one PostgreSQL server with the test files through MERCATO_TEST_PG_URL',
  'packages/testing/src/platform.ts': 'the test harness is a launcher: service processes inherit its PATH and HOME',
  'packages/testing/src/rabbitmq.ts': 'the test runner shares its one RabbitMQ broker with the test files through MERCATO_TEST_AMQP_URL and MERCATO_TEST_AMQP_DIR',
};

/** Known violations still to fix; delete the entry with the fix (the test fails while a fixed one is listed). */
const KNOWN_ENV_VIOLATIONS: Record<string, string> = {};

/** Every source file under `dir` (repository-relative, `/`-separated), node_modules excluded. */
function sourceFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (entry.name === 'node_modules' || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return sourceFiles(path);
    return SOURCE.test(entry.name) ? [relative(ROOT, path).split(sep).join('/')] : [];
  });
}

function isTest(file: string): boolean {
  return /\.test\.[cm]?[jt]sx?$/.test(file) || file.split('/').includes('test');
}

/** Service folder names by package name (`@mercato/catalog` → `catalog`). */
function servicePackages(): Map<string, string> {
  const packages = new Map<string, string>();
  for (const folder of readdirSync(join(ROOT, 'services'))) {
    const manifest = join(ROOT, 'services', folder, 'package.json');
    if (existsSync(manifest)) packages.set((JSON.parse(readFileSync(manifest, 'utf8')) as { name: string }).name, folder);
    packages.set(`@mercato/${folder}`, folder);
  }
  return packages;
}

/** The module specifiers a file imports (static, dynamic, re-exports, require). */
function importsOf(source: string): string[] {
  return ts.preProcessFile(source, true, true).importedFiles.map((f) => f.fileName);
}

/** Why each import of `file` (in service folder `service`) crosses the service's boundary. */
function importViolations(file: string, service: string, specifiers: string[], services: Map<string, string>): string[] {
  const own = `services/${service}/`;
  const problems: string[] = [];
  for (const spec of specifiers) {
    if (spec.startsWith('.') || spec.startsWith('/') || spec.startsWith('file:')) {
      const target = relative(ROOT, resolve(ROOT, dirname(file), spec.replace(/^file:\/\//, ''))).split(sep).join('/');
      if (target.startsWith(own)) continue;
      const other = /^services\/([^/]+)\//.exec(target + '/')?.[1];
      problems.push(
        other
          ? `${file}: imports '${spec}' from the ${other} service; go through @mercato/contracts`
          : `${file}: imports '${spec}' outside its service folder; use @mercato/kit, @mercato/contracts or an npm package`,
      );
      continue;
    }
    const name = spec.startsWith('@') ? spec.split('/').slice(0, 2).join('/') : spec.split('/')[0]!;
    const owner = services.get(name);
    if (owner === service) continue;
    if (owner) problems.push(`${file}: imports '${spec}' from the ${owner} service; go through @mercato/contracts`);
    else if (TEST_PACKAGES.includes(name)) {
      if (!isTest(file)) problems.push(`${file}: imports '${spec}', which only tests may use`);
    } else if (name.startsWith('@mercato/') && !SHARED_PACKAGES.includes(name)) {
      problems.push(`${file}: imports '${spec}'; a service may use only ${SHARED_PACKAGES.join(', ')} from @mercato`);
    }
  }
  return problems;
}

/** Lines (1-based) where the source reads the process environment. */
function envReads(fileName: string, source: string): number[] {
  const file = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, false);
  const processNames = new Set(['process']);
  const lines: number[] = [];
  const hit = (node: ts.Node) => lines.push(file.getLineAndCharacterOfPosition(node.getStart(file)).line + 1);
  const isProcess = (node: ts.Expression): boolean =>
    (ts.isIdentifier(node) && processNames.has(node.text)) || (ts.isPropertyAccessExpression(node) && node.name.text === 'process');
  const visit = (node: ts.Node): void => {
    if (ts.isImportDeclaration(node) && ts.isStringLiteral(node.moduleSpecifier) && /^(node:)?process$/.test(node.moduleSpecifier.text)) {
      const clause = node.importClause;
      if (clause?.name) processNames.add(clause.name.text);
      const bindings = clause?.namedBindings;
      if (bindings && ts.isNamespaceImport(bindings)) processNames.add(bindings.name.text);
      if (bindings && ts.isNamedImports(bindings) && bindings.elements.some((e) => (e.propertyName ?? e.name).text === 'env')) hit(node);
    } else if (ts.isPropertyAccessExpression(node) && node.name.text === 'env' && isProcess(node.expression)) {
      hit(node);
    } else if (ts.isElementAccessExpression(node) && ts.isStringLiteral(node.argumentExpression) && node.argumentExpression.text === 'env' && isProcess(node.expression)) {
      hit(node);
    } else if (ts.isVariableDeclaration(node) && node.initializer && isProcess(node.initializer) && ts.isObjectBindingPattern(node.name)) {
      if (node.name.elements.some((e) => (e.propertyName ?? e.name).getText(file) === 'env')) hit(node);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
  return lines;
}

describe('service boundaries', () => {
  it('no service imports another service, or the test harness outside its tests', () => {
    const services = servicePackages();
    const problems = sourceFiles(join(ROOT, 'services')).flatMap((file) =>
      importViolations(file, file.split('/')[1]!, importsOf(readFileSync(join(ROOT, file), 'utf8')), services),
    );
    assert.deepEqual(problems, []);
  });

  it('nothing under services/ or packages/ reads process.env but the service process entry point', () => {
    const readers = ['services', 'packages']
      .flatMap((dir) => sourceFiles(join(ROOT, dir)))
      .filter((file) => !isTest(file) && !file.split('/').includes('scripts') && !(file in ENV_READERS))
      .flatMap((file) => envReads(file, readFileSync(join(ROOT, file), 'utf8')).map((line) => ({ file, line })));
    const problems = readers
      .filter(({ file }) => !(file in KNOWN_ENV_VIOLATIONS))
      .map(({ file, line }) => `${file}:${line}: reads process.env; take the environment from the service context (ctx.env) and parse it in config.ts`);
    assert.deepEqual(problems, []);
    const fixed = Object.keys(KNOWN_ENV_VIOLATIONS).filter((file) => !readers.some((r) => r.file === file));
    assert.deepEqual(fixed, [], 'these no longer read process.env: remove them from KNOWN_ENV_VIOLATIONS');
  });
});

describe('the boundary checks', () => {
  const services = new Map([
    ['@mercato/catalog', 'catalog'],
    ['@mercato/orders', 'orders'],
  ]);
  const check = (file: string, ...specs: string[]) => importViolations(file, 'catalog', specs, services);

  it('allow own files, the kit, the contracts, npm packages and node built-ins', () => {
    const file = 'services/catalog/src/api/products.routes.ts';
    assert.deepEqual(check(file, '../store/products.store.ts', '@mercato/kit', '@mercato/kit/http/problem.ts', '@mercato/contracts', 'kysely', '@sinclair/typebox', 'node:fs'), []);
  });

  it('refuse another service, by relative path or package name, and paths leaving the folder', () => {
    const file = 'services/catalog/src/api/products.routes.ts';
    assert.equal(check(file, '../../../orders/src/domain/order.ts').length, 1);
    assert.equal(check(file, '@mercato/orders').length, 1);
    assert.equal(check(file, '@mercato/orders/src/errors.ts').length, 1);
    assert.equal(check(file, '../../../../packages/kit/src/index.ts').length, 1);
    assert.equal(check(file, '@mercato/gizmo').length, 1);
    assert.match(check(file, '../../../orders/src/x.ts')[0]!, /from the orders service/);
  });

  it('allow the test harness in tests only', () => {
    assert.deepEqual(check('services/catalog/test/products.test.ts', '@mercato/testing'), []);
    assert.deepEqual(check('services/catalog/test/helpers.ts', '@mercato/testing'), []);
    assert.equal(check('services/catalog/src/main.ts', '@mercato/testing').length, 1);
  });

  it('see static, dynamic and re-exported imports', () => {
    const source = "import a from 'a';\nimport type { B } from 'b';\nexport * from 'c';\nconst d = await import('d');\nimport 'e';";
    assert.deepEqual(importsOf(source).sort(), ['a', 'b', 'c', 'd', 'e']);
  });

  it('find every way of reading process.env, not a mention in a comment', () => {
    assert.deepEqual(envReads('a.ts', '// never process.env\nconst a = 1;'), []);
    assert.deepEqual(envReads('a.ts', 'const a = process.env.A;'), [1]);
    assert.deepEqual(envReads('a.ts', "\nconst a = process['env'];"), [2]);
    assert.deepEqual(envReads('a.ts', 'const { env } = process;'), [1]);
    assert.deepEqual(envReads('a.ts', 'const a = globalThis.process.env;'), [1]);
    assert.deepEqual(envReads('a.ts', "import { env } from 'node:process';"), [1]);
    assert.deepEqual(envReads('a.ts', "import proc from 'node:process';\nproc.env.A;"), [2]);
  });
});
