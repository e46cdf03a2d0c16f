import assert from 'node:assert/strict';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { after, before, describe, it } from 'node:test';
import { databaseUrl, defineTopology, ensureDatabase, InProcessBus, InProcessTransport, startService, type RunningService } from '@mercato/kit';
import { dropDatabases, eventually, testServerUrl, TestIssuer, uniquePrefix } from '@mercato/testing';
import { notificationsService } from '../src/main.ts';
import { FakeMailer, OrderStream, orderSummary } from './helpers.ts';

/**
 * The service started by hand (the test harness silences logs) with its log lines captured: an
 * order's life must not put the customer's address into them, in full, anywhere.
 */
describe('notifications: logs never carry a full email address', () => {
  const lines: string[] = [];
  const prefix = uniquePrefix();
  let serverUrl: string;
  let service: RunningService;
  let bus: InProcessBus;
  let issuer: TestIssuer;
  let mailDir: string;

  before(async () => {
    serverUrl = await testServerUrl();
    await ensureDatabase(serverUrl, `${prefix}notifications`);
    mailDir = await mkdtemp(join(tmpdir(), 'mercato-mail-'));
    issuer = await TestIssuer.create('http://mercato.test');
    bus = new InProcessBus(() => undefined);
    const definition = notificationsService({ mailer: () => new FakeMailer(1) });
    service = await startService(
      { ...definition, jwks: () => async () => issuer.jwks },
      {
        topology: defineTopology({ services: { notifications: { load: async () => ({ default: definition }), calls: [] } } }),
        transport: new InProcessTransport(),
        bus,
        publicUrl: 'http://mercato.test',
        databaseUrl: databaseUrl(serverUrl, `${prefix}notifications`),
        logLevel: 'debug',
        logDestination: new Writable({ write: (chunk, _encoding, done) => (lines.push(String(chunk)), done()) }),
        env: { NOTIFICATIONS_MAIL_DIR: mailDir, NOTIFICATIONS_SEND_INTERVAL_MS: '20', NOTIFICATIONS_RETRY_BASE_MS: '20' },
      },
    );
    await service.startEvents({ catchUp: false });
  });
  after(async () => {
    await service?.close();
    await dropDatabases(serverUrl, prefix);
    await rm(mailDir, { recursive: true, force: true });
  });

  it('recording, a failed attempt, sending and a search by recipient log the address masked', async () => {
    const address = 'very.private@example.com';
    const stream = new OrderStream(orderSummary({ accountId: null, email: address }));
    await bus.publish([stream.next('placed')]);
    const staff = await issuer.mint({ sub: 'acct_staff', roles: ['notifications-manager'] });
    const search = () => service.app.inject({ method: 'GET', url: `/api/notifications/deliveries?to=${encodeURIComponent(address)}`, headers: { authorization: `Bearer ${staff}` } });
    await eventually(async () => (await search()).json().items[0]?.status === 'sent');

    const log = lines.join('');
    for (const message of ['notification recorded', 'notification not sent; will retry', 'notification sent', 'request completed']) assert.ok(log.includes(message), message);
    assert.ok(log.includes('v***@example.com'));
    assert.ok(!log.includes('very.private'), 'the full address appears in the log');
    assert.ok(!log.includes('very.private%40'), 'the full address appears URL-encoded');
  });
});
