import assert from 'node:assert/strict';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { topology } from '../../topology.ts';
import { generateArtifacts } from './artifacts.ts';
import { loadDeployModel } from './model.ts';

const root = join(import.meta.dirname, '../..');

describe('generated deployment artifacts', () => {
  it('are committed exactly as `npm run deploy:generate` writes them from the current topology', async () => {
    const artifacts = generateArtifacts(await loadDeployModel(topology));
    for (const [path, expected] of Object.entries(artifacts)) {
      const committed = await readFile(join(root, path), 'utf8').catch(() => undefined);
      assert.ok(committed !== undefined, `${path} is missing: run npm run deploy:generate`);
      assert.ok(committed === expected, `${path} is stale: run npm run deploy:generate`);
    }
    for (const dir of ['deploy/kubernetes', 'deploy/monitoring', 'deploy/compose']) {
      for (const file of await readdir(join(root, dir))) {
        assert.ok(`${dir}/${file}` in artifacts, `${dir}/${file} is not generated any more: delete it`);
      }
    }
  });
});
