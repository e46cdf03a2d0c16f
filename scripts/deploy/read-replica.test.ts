import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Type } from '@sinclair/typebox';
import { sql } from 'kysely';
import pg from 'pg';
import { databaseUrl, defineService, defineTopology, ensureDatabase, freePort, InProcessTransport, startService, type RunningService } from '@mercato/kit';
import { startPrimaryCluster, startStandbyCluster, type PostgresCluster } from '@mercato/kit/runtime/postgres-cluster.ts';
import { eventually } from '@mercato/testing';

interface Tables {
  notes: { id: string; body: string };
}

/** A small service whose list route reads through `ctx.reader` and says which server answered. */
const notes = defineService<Tables>({
  name: 'notes',
  description: 'Read replica test service',
  migrations: {
    '0001': { up: async (db) => void (await db.schema.createTable('notes').addColumn('id', 'text', (c) => c.primaryKey()).addColumn('body', 'text').execute()) },
  },
  routes(app, ctx) {
    app.post('/notes', { config: { access: 'public' }, schema: { body: Type.Object({ body: Type.String() }, { additionalProperties: false }) } }, async (request, reply) => {
      const id = crypto.randomUUID();
      await ctx.db.insertInto('notes').values({ id, body: request.body.body }).execute();
      return reply.code(201).send({ id });
    });
    app.get('/notes', { config: { access: 'public' } }, async (request) => {
      const db = await ctx.reader.db({ request });
      const items = await db.selectFrom('notes').select('body').orderBy('body').execute();
      const { rows } = await sql<{ standby: boolean }>`select pg_is_in_recovery() as standby`.execute(db);
      return { items: items.map((n) => n.body), servedBy: rows[0]!.standby ? 'replica' : 'primary' };
    });
  },
});

describe('read replica: two PostgreSQL clusters in streaming replication', () => {
  const dirs: string[] = [];
  let primary: PostgresCluster;
  let replica: PostgresCluster;
  let service: RunningService;
  let replicaAdmin: pg.Client;

  before(async () => {
    for (let i = 0; i < 2; i++) dirs.push(await mkdtemp(join(tmpdir(), 'mercato-replication-')));
    primary = await startPrimaryCluster(dirs[0]!, await freePort(), { fsync: 'off' });
    replica = await startStandbyCluster(dirs[1]!, await freePort(), primary, { fsync: 'off' });
    await ensureDatabase(primary.url, 'mercato_notes');
    await eventually(async () => (await tryQuery(databaseUrl(replica.url, 'mercato_notes'))) === true, 15_000, 100);
    replicaAdmin = new pg.Client({ connectionString: replica.url });
    await replicaAdmin.connect();
    const topology = defineTopology({ services: { notes: { load: async () => ({ default: notes }), calls: [] } } });
    service = await startService(
      { ...notes, jwks: () => async () => ({ keys: [] }) },
      {
        topology,
        transport: new InProcessTransport(),
        publicUrl: 'http://mercato.test',
        databaseUrl: databaseUrl(primary.url, 'mercato_notes'),
        readDatabaseUrl: databaseUrl(replica.url, 'mercato_notes'),
        logLevel: 'silent',
        env: { MERCATO_DATABASE_READ_MAX_LAG_S: '2', MERCATO_DATABASE_READ_CHECK_MS: '100', MERCATO_DATABASE_READ_WAIT_MS: '300' },
      },
    );
  });

  after(async () => {
    await service?.close();
    await replicaAdmin?.end();
    await replica?.stop();
    await primary?.stop();
    await Promise.all(dirs.map((d) => rm(d, { recursive: true, force: true })));
  });

  const list = async (token?: string) => {
    const res = await service.app.inject({ method: 'GET', url: '/notes', headers: token ? { 'consistency-token': token } : {} });
    assert.equal(res.statusCode, 200, res.body);
    return res.json() as { items: string[]; servedBy: string };
  };
  const write = async (body: string) => {
    const res = await service.app.inject({ method: 'POST', url: '/notes', payload: { body } });
    assert.equal(res.statusCode, 201, res.body);
    const token = res.headers['consistency-token'];
    assert.match(String(token), /^[0-9A-F]+\/[0-9A-F]+$/, 'a write answers with a consistency token');
    return String(token);
  };

  it('sends writes to the primary and reads to the replica', async () => {
    await write('a');
    const onPrimary = await query(databaseUrl(primary.url, 'mercato_notes'), 'select body from notes');
    assert.deepEqual(onPrimary, ['a']);
    await eventually(async () => JSON.stringify(await list()) === JSON.stringify({ items: ['a'], servedBy: 'replica' }), 5_000, 50);
    const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
    assert.match(ready.json().checks.replica, /^up: reading from replica/);
  });

  it('keeps read-your-writes with a consistency token, and falls back to the primary when the replica lags too far', async () => {
    await replicaAdmin.query('select pg_wal_replay_pause()');
    try {
      const token = await write('b');

      const stale = await list();
      assert.deepEqual(stale, { items: ['a'], servedBy: 'replica' }, 'without a token a read may be stale, within the lag bound');
      const own = await list(token);
      assert.deepEqual(own, { items: ['a', 'b'], servedBy: 'primary' }, 'with the token the read sees the write: the replica has not replayed it');

      await eventually(async () => (await list()).servedBy === 'primary', 5_000, 100);
      assert.deepEqual((await list()).items, ['a', 'b'], 'beyond the lag bound every read goes to the primary');
      const ready = await service.app.inject({ method: 'GET', url: '/health/ready' });
      assert.equal(ready.statusCode, 200, 'a lagging replica does not make the service unready');
      assert.match(ready.json().checks.replica, /reading from primary: replica .* behind/);

      await replicaAdmin.query('select pg_wal_replay_resume()');
      await eventually(async () => JSON.stringify(await list(token)) === JSON.stringify({ items: ['a', 'b'], servedBy: 'replica' }), 5_000, 50);
      assert.deepEqual(await list(), { items: ['a', 'b'], servedBy: 'replica' }, 'caught up, reads go to the replica again');
    } finally {
      await replicaAdmin.query('select pg_wal_replay_resume()');
    }
  });

  it('waits briefly for the replica to replay a token rather than going to the primary', async () => {
    const token = await write('c');
    const read = await list(token);
    assert.deepEqual(read.items, ['a', 'b', 'c']);
    assert.equal(read.servedBy, 'replica', 'streaming replication on loopback replays within the wait');
  });

  it('exports the replica lag and where reads went', async () => {
    const text = (await service.app.inject({ method: 'GET', url: '/metrics' })).body;
    assert.match(text, /^db_replica_lag_seconds\{service="notes"\} [0-9.e-]+$/m);
    assert.match(text, /^db_reads_total\{target="replica",service="notes"\} [1-9]\d*$/m);
    assert.match(text, /^db_reads_total\{target="primary",service="notes"\} [1-9]\d*$/m);
  });
});

async function query(url: string, text: string): Promise<unknown[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(text)).rows.map((r) => Object.values(r)[0]);
  } finally {
    await client.end();
  }
}

async function tryQuery(url: string): Promise<boolean> {
  try {
    await query(url, 'select 1');
    return true;
  } catch {
    return false;
  }
}
