import { createHash } from 'node:crypto';
import { readdir, readFile, stat, writeFile } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { promisify } from 'node:util';
import { brotliCompress, constants, gzip } from 'node:zlib';

const ROOT = join(import.meta.dirname, '../..');
/** The web apps, each a Vite project under apps/ built into its dist/. */
export const WEB_APPS = ['storefront', 'admin'] as const;
const STAMP = '.source-hash';
const COMPRESSIBLE = /\.(js|css|html|svg|json|txt|webmanifest)$/;

/**
 * Builds each web app whose sources changed since its last build (a hash of its sources is kept in
 * dist/), and writes Brotli and gzip variants of text files so the gateway serves them compressed
 * without spending CPU per request. Returns the apps it built.
 */
export async function buildApps(options: { force?: boolean; quiet?: boolean } = {}): Promise<string[]> {
  const built: string[] = [];
  for (const app of WEB_APPS) {
    const dir = join(ROOT, 'apps', app);
    const hash = await sourceHash(dir);
    const previous = await readFile(join(dir, 'dist', STAMP), 'utf8').catch(() => '');
    if (!options.force && previous === hash) continue;
    const { build } = await import('vite');
    await build({ root: dir, configFile: join(dir, 'vite.config.ts'), logLevel: options.quiet ? 'warn' : 'info' });
    await precompress(join(dir, 'dist'));
    await writeFile(join(dir, 'dist', STAMP), hash);
    built.push(app);
  }
  return built;
}

async function sourceHash(dir: string): Promise<string> {
  const hash = createHash('sha256');
  const files = [...(await filesUnder(join(dir, 'src'))), join(dir, 'index.html'), join(dir, 'vite.config.ts'), join(dir, 'package.json')];
  const publicDir = join(dir, 'public');
  if (await stat(publicDir).catch(() => undefined)) files.push(...(await filesUnder(publicDir)));
  for (const file of files.sort()) hash.update(relative(dir, file)).update('\0').update(await readFile(file)).update('\0');
  return hash.digest('hex');
}

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

async function precompress(dist: string): Promise<void> {
  const files = (await filesUnder(dist)).filter((f) => COMPRESSIBLE.test(f));
  await Promise.all(
    files.map(async (file) => {
      const bytes = await readFile(file);
      if (bytes.length < 1024) return;
      const [br, gz] = await Promise.all([
        promisify(brotliCompress)(bytes, { params: { [constants.BROTLI_PARAM_QUALITY]: 11, [constants.BROTLI_PARAM_SIZE_HINT]: bytes.length } }),
        promisify(gzip)(bytes, { level: 9 }),
      ]);
      await Promise.all([writeFile(`${file}.br`, br), writeFile(`${file}.gz`, gz)]);
    }),
  );
}
