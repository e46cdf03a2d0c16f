/**
 * `npm run deploy:generate`: writes the compose file, the Kubernetes manifests of every environment
 * and the monitoring configuration from topology.ts (a test fails when the committed ones differ).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { topology } from '../../topology.ts';
import { generateArtifacts } from './artifacts.ts';
import { loadDeployModel } from './model.ts';

const root = join(import.meta.dirname, '../..');
const artifacts = generateArtifacts(await loadDeployModel(topology));
for (const [path, content] of Object.entries(artifacts)) {
  await mkdir(dirname(join(root, path)), { recursive: true });
  await writeFile(join(root, path), content);
  console.log(`wrote ${path}`);
}
process.exit(0); // service modules may hold timers open
