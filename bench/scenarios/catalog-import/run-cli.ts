import { spawn } from 'node:child_process';
import { ROOT } from '../../lib/spawn.ts';
import { track } from '../../lib/cleanup.ts';

/** What one `npm run catalog -- import` did. */
export interface CliRun {
  code: number | null;
  stdout: string;
  stderr: string;
  /** Wall time from spawn to exit, in ms. */
  ms: number;
  /** Ms from spawn to the gateway's 202 (the whole file uploaded). */
  uploadedMs: number | undefined;
  jobId: string | undefined;
}

/**
 * Runs the catalog CLI's import the way a user would (`node --import tsx scripts/catalog.ts import …`),
 * calling `onJob` as soon as the upload was accepted.
 */
export function runImportCli(url: string, file: string, kind: string, onJob?: (id: string) => void): Promise<CliRun> {
  const started = performance.now();
  const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/catalog.ts', 'import', file, '--kind', kind, '--url', url], {
    cwd: ROOT,
    env: { ...process.env, NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  track(child);
  let stdout = '';
  let stderr = '';
  let uploadedMs: number | undefined;
  let jobId: string | undefined;
  child.stdout.on('data', (chunk) => (stdout += chunk));
  child.stderr.on('data', (chunk) => {
    stderr += chunk;
    const match = jobId ? null : / as (imp_[0-9a-z]+)/.exec(stderr);
    if (match) {
      jobId = match[1]!;
      uploadedMs = performance.now() - started;
      onJob?.(jobId);
    }
  });
  return new Promise((resolve) => child.once('exit', (code) => resolve({ code, stdout, stderr, ms: performance.now() - started, uploadedMs, jobId })));
}
