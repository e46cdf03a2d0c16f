/**
 * `npm run docs:errors`: regenerates the tables of docs/reference/errors.md from the error catalogs
 * (the kit's common errors, then every `services/<name>/src/errors.ts`). The "when" column is written
 * by hand in the document and kept across runs; a new code gets a placeholder to fill in.
 */
import { existsSync, readdirSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { kitErrors, ProblemError, type ProblemSpec } from '@mercato/kit';

const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The error reference document. */
export const ERRORS_DOC = join(ROOT, 'docs/reference/errors.md');

/** Markers around the generated part; text outside them is left alone. */
export const BEGIN_MARKER = '<!-- BEGIN GENERATED ERROR TABLES: `npm run docs:errors` rewrites this part; edit only the "when" column -->';
export const END_MARKER = '<!-- END GENERATED ERROR TABLES -->';

/** The "when" cell of a code nobody has explained yet (the test refuses it). */
export const WHEN_PLACEHOLDER = 'TODO: explain when this error is returned';

const HEADER = '| code | status | title | type | when |';

/** One catalog owner: the kit or a service, with its errors in declaration order. */
export interface ErrorOwner {
  name: string;
  /** Where the catalog is declared, for readers of the document. */
  source: string;
  errors: ProblemSpec[];
}

/** One row of a table in the document. */
export interface DocRow {
  owner: string;
  code: string;
  status: number;
  title: string;
  type: string;
  when: string;
}

/** The kit's common errors, then each service's catalog (services in alphabetical order). */
export async function loadCatalogs(): Promise<ErrorOwner[]> {
  const owners: ErrorOwner[] = [{ name: 'kit', source: 'packages/kit/src/http/problem.ts (`kitErrors`)', errors: Object.values(kitErrors) }];
  const servicesDir = join(ROOT, 'services');
  for (const name of readdirSync(servicesDir).sort()) {
    const file = join(servicesDir, name, 'src', 'errors.ts');
    if (!existsSync(file)) continue;
    const module = (await import(pathToFileURL(file).href)) as Record<string, unknown>;
    const catalogs = Object.entries(module).filter(([, value]) => isCatalog(value)) as Array<[string, Record<string, ProblemSpec>]>;
    if (catalogs.length === 0) throw new Error(`${relative(ROOT, file)} exports no error catalog (use defineErrors)`);
    owners.push({
      name,
      source: `${relative(ROOT, file)} (${catalogs.map(([exported]) => `\`${exported}\``).join(', ')})`,
      errors: catalogs.flatMap(([, catalog]) => Object.values(catalog)),
    });
  }
  return owners;
}

/** The `type` URI a problem of this spec carries on the wire. */
export function problemType(spec: ProblemSpec): string {
  return new ProblemError(spec).toBody().type;
}

/** The generated part of the document (markers included), keeping known "when" texts. */
export function renderTables(owners: ErrorOwner[], previous: DocRow[]): string {
  const byOwner = new Map(previous.map((row) => [`${row.owner}/${row.code}`, row.when]));
  const byCode = new Map(previous.map((row) => [row.code, row.when]));
  const sections = owners.map((owner) => {
    const rows = owner.errors.map((spec) => {
      const when = byOwner.get(`${owner.name}/${spec.code}`) ?? byCode.get(spec.code) ?? WHEN_PLACEHOLDER;
      return `| \`${spec.code}\` | ${spec.status} | ${cell(spec.title)} | \`${problemType(spec)}\` | ${cell(when)} |`;
    });
    const intro = owner.name === 'kit' ? 'Common errors: any service may answer with these.' : `Errors of the ${owner.name} service.`;
    return [`## ${owner.name}`, '', `${intro} Source: ${owner.source}.`, '', HEADER, '|---|---|---|---|---|', ...rows].join('\n');
  });
  return [BEGIN_MARKER, '', sections.join('\n\n'), '', END_MARKER].join('\n');
}

/** The rows of every table between the markers. */
export function parseDoc(markdown: string): DocRow[] {
  const rows: DocRow[] = [];
  let owner = '';
  for (const line of generatedPart(markdown).split('\n')) {
    const heading = /^## (\S+)/.exec(line);
    if (heading) owner = heading[1]!;
    if (!line.startsWith('| `')) continue;
    const cells = splitRow(line);
    if (cells.length !== 5) throw new Error(`errors.md: a row needs 5 cells (escape "|" as "\\|"): ${line}`);
    const [code, status, title, type, when] = cells as [string, string, string, string, string];
    rows.push({ owner, code: unquote(code), status: Number(status), title, type: unquote(type), when });
  }
  return rows;
}

/** Everything the document gets wrong about the catalogs; empty when it is right. */
export function checkDoc(owners: ErrorOwner[], rows: DocRow[]): string[] {
  const problems: string[] = [];
  const documented = new Map(rows.map((row) => [`${row.owner}/${row.code}`, row]));
  const declared = new Set<string>();
  const ownersOfCode = new Map<string, string[]>();
  for (const owner of owners) {
    for (const spec of owner.errors) {
      const key = `${owner.name}/${spec.code}`;
      declared.add(key);
      ownersOfCode.set(spec.code, [...(ownersOfCode.get(spec.code) ?? []), owner.name]);
      const row = documented.get(key);
      if (!row) {
        problems.push(`${key}: missing from the document`);
        continue;
      }
      if (row.status !== spec.status) problems.push(`${key}: status is ${spec.status}, the document says ${row.status}`);
      if (row.title !== spec.title) problems.push(`${key}: title is "${spec.title}", the document says "${row.title}"`);
      if (row.type !== problemType(spec)) problems.push(`${key}: type is ${problemType(spec)}, the document says ${row.type}`);
      if (!row.when || row.when === WHEN_PLACEHOLDER) problems.push(`${key}: explain when it is returned (the "when" column)`);
    }
  }
  for (const row of rows) {
    if (!declared.has(`${row.owner}/${row.code}`)) problems.push(`${row.owner}/${row.code}: documented but no catalog declares it`);
  }
  // The `type` URI has no service in it, so a code must mean one thing across the platform.
  for (const [code, names] of ownersOfCode) {
    if (names.length > 1) problems.push(`${code}: declared by ${names.join(' and ')}; codes must be unique across catalogs`);
  }
  return problems;
}

/** The document with its generated part replaced (or a new document when there is none). */
export function updateDoc(markdown: string | undefined, owners: ErrorOwner[]): string {
  if (markdown === undefined) return newDocument(renderTables(owners, []));
  const start = markdown.indexOf(BEGIN_MARKER);
  const end = markdown.indexOf(END_MARKER);
  if (start < 0 || end < start) throw new Error('errors.md: the generated-part markers are missing');
  return markdown.slice(0, start) + renderTables(owners, parseDoc(markdown)) + markdown.slice(end + END_MARKER.length);
}

function newDocument(tables: string): string {
  return [
    '# Error reference',
    '',
    'Every error leaves a Mercato service as an RFC 9457 `application/problem+json` body with a stable',
    '`code`; its `type` is that code under `https://mercato.dev/problems/`. Clients branch on `code`',
    '(or `type`), never on `title` or `detail`.',
    '',
    tables,
    '',
  ].join('\n');
}

function generatedPart(markdown: string): string {
  const start = markdown.indexOf(BEGIN_MARKER);
  const end = markdown.indexOf(END_MARKER);
  return start >= 0 && end > start ? markdown.slice(start, end) : '';
}

function isCatalog(value: unknown): boolean {
  if (typeof value !== 'object' || value === null) return false;
  const entries = Object.values(value);
  return entries.length > 0 && entries.every((e) => typeof e?.code === 'string' && typeof e?.status === 'number' && typeof e?.title === 'string');
}

function cell(text: string): string {
  return text.replace(/\|/g, '\\|').replace(/\n/g, ' ');
}

function splitRow(line: string): string[] {
  const inner = line.trim().replace(/^\|/, '').replace(/\|$/, '');
  return inner.split(/(?<!\\)\|/).map((c) => c.trim().replace(/\\\|/g, '|'));
}

function unquote(text: string): string {
  return text.replace(/^`(.*)`$/, '$1');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const current = existsSync(ERRORS_DOC) ? await readFile(ERRORS_DOC, 'utf8') : undefined;
  const owners = await loadCatalogs();
  const next = updateDoc(current, owners);
  await writeFile(ERRORS_DOC, next);
  const todo = parseDoc(next).filter((row) => row.when === WHEN_PLACEHOLDER);
  console.log(`${relative(ROOT, ERRORS_DOC)}: ${owners.reduce((n, o) => n + o.errors.length, 0)} codes in ${owners.length} tables`);
  for (const row of todo) console.log(`  explain when ${row.owner}/${row.code} is returned (the "when" column)`);
}
