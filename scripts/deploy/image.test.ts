import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { freePort, waitForHttp } from '@mercato/kit';
import { SERVICE_ENTRY, SERVICE_ENTRY_PATH, SERVICE_NODE_ARGS } from '@mercato/kit/runtime/service-command.ts';

const root = join(import.meta.dirname, '../..');

/** One stage of the Dockerfile: its name and instructions (continuation lines joined). */
interface Stage {
  name: string;
  instructions: Array<{ keyword: string; args: string }>;
}

function parseDockerfile(text: string): Stage[] {
  const stages: Stage[] = [];
  const lines = text.replace(/\\\n\s*/g, ' ').split('\n');
  for (const line of lines.map((l) => l.trim())) {
    if (!line || line.startsWith('#')) continue;
    const [, keyword, args] = /^(\S+)\s+(.*)$/.exec(line)!;
    if (keyword!.toUpperCase() === 'FROM') stages.push({ name: /\bAS\s+(\S+)/i.exec(args!)?.[1] ?? '', instructions: [] });
    stages.at(-1)?.instructions.push({ keyword: keyword!.toUpperCase(), args: args! });
  }
  return stages;
}

describe('container image (Dockerfile)', () => {
  let stages: Stage[];
  let runtime: Stage;
  const last = (stage: Stage, keyword: string) => stage.instructions.filter((i) => i.keyword === keyword).at(-1)?.args;
  before(async () => {
    stages = parseDockerfile(await readFile(join(root, 'Dockerfile'), 'utf8'));
    runtime = stages.find((s) => s.name === 'runtime')!;
  });

  it('starts every service with the command the processes topology runs', () => {
    assert.ok(runtime, 'a runtime stage');
    assert.deepEqual(JSON.parse(last(runtime, 'ENTRYPOINT')!), ['node', ...SERVICE_NODE_ARGS, SERVICE_ENTRY]);
    assert.equal(join(root, SERVICE_ENTRY), SERVICE_ENTRY_PATH, 'the entry module the launcher spawns');
  });

  it('runs as a non-root user with production dependencies only', async () => {
    const user = last(runtime, 'USER');
    assert.ok(user && !['root', '0'].includes(user.split(':')[0]!), `USER ${user}`);
    const dependencies = stages.find((s) => s.name === 'dependencies')!;
    assert.match(last(dependencies, 'RUN')!, /npm ci --omit=dev/);
    const pkg = JSON.parse(await readFile(join(root, 'package.json'), 'utf8'));
    assert.ok(pkg.dependencies?.tsx, 'tsx runs the services, so it is a production dependency');
  });

  it('keeps tests, tooling and local state out of the build context', async () => {
    const ignored = (await readFile(join(root, '.dockerignore'), 'utf8')).split('\n').map((l) => l.trim());
    for (const pattern of ['**/node_modules', '.git', 'data', '**/test', '**/*.test.ts', 'deploy', 'e2e', 'scripts']) {
      assert.ok(ignored.includes(pattern), `.dockerignore has ${pattern}`);
    }
  });

  it("runs a service with the image's entrypoint and environment", async () => {
    const env = Object.fromEntries(
      runtime.instructions
        .filter((i) => i.keyword === 'ENV')
        .flatMap((i) => [...i.args.matchAll(/(\w+)=(\S+)/g)].map(([, k, v]) => [k!, v!])),
    );
    const [command, ...args] = JSON.parse(last(runtime, 'ENTRYPOINT')!) as string[];
    const port = await freePort();
    const child = spawn(command === 'node' ? process.execPath : command!, args, {
      cwd: root, // the image's WORKDIR holds the same tree
      env: {
        PATH: process.env.PATH,
        ...env,
        MERCATO_TOPOLOGY_MODULE: join(root, 'topology.ts'),
        MERCATO_HOST: '127.0.0.1', // the image listens on every interface; a test stays on loopback
        MERCATO_PORT: String(port),
        MERCATO_SERVICE: 'gateway',
        MERCATO_PUBLIC_URL: `http://127.0.0.1:${port}`,
        MERCATO_LOG_LEVEL: 'warn',
      },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr!.on('data', (chunk) => (stderr += chunk));
    let exited = false;
    child.on('exit', () => (exited = true));
    try {
      await waitForHttp(`http://127.0.0.1:${port}/health/live`, 30_000, () => !exited).catch((error: Error) => {
        throw new Error(`${error.message}\n${stderr}`);
      });
    } finally {
      if (!exited) {
        const done = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await done;
      }
    }
    assert.equal(child.exitCode, 0, `graceful shutdown on SIGTERM\n${stderr}`);
  });
});
