import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';

/** What a first visit downloads before the page can run: the entry script, its preloads and the CSS. */
export interface InitialBundle {
  files: Array<{ path: string; bytes: number; gzipBytes: number }>;
  jsGzipBytes: number;
  cssGzipBytes: number;
}

/** Reads a built app's index.html and measures every script and stylesheet it loads up front (gzip -9). */
export async function initialBundle(dist: string): Promise<InitialBundle> {
  const html = await readFile(join(dist, 'index.html'), 'utf8');
  const urls = [
    ...html.matchAll(/<script[^>]+type="module"[^>]+src="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+)"/g),
    ...html.matchAll(/<link[^>]+rel="stylesheet"[^>]+href="([^"]+)"/g),
  ].map((m) => m[1]!);
  const files = await Promise.all(
    [...new Set(urls)].map(async (url) => {
      const relative = url.replace(/^https?:\/\/[^/]+/, '').replace(/^\/(admin\/)?/, '');
      const bytes = await readFile(join(dist, relative));
      return { path: relative, bytes: bytes.length, gzipBytes: gzipSync(bytes, { level: 9 }).length };
    }),
  );
  const sum = (suffix: string) => files.filter((f) => f.path.endsWith(suffix)).reduce((n, f) => n + f.gzipBytes, 0);
  return { files, jsGzipBytes: sum('.js'), cssGzipBytes: sum('.css') };
}
