import assert from 'node:assert/strict';
import { resolve } from 'node:path';
import { describe, it } from 'node:test';
import { loadNotificationsConfig } from '../src/config.ts';
import { createMailer } from '../src/mail/create-mailer.ts';

describe('notifications: configuration', () => {
  it('writes files under the data directory unless a mail directory or an SMTP relay is configured', async () => {
    const defaults = loadNotificationsConfig({});
    assert.equal(defaults.mailDir, resolve('data/mail'));
    assert.equal(defaults.NOTIFICATIONS_MAX_ATTEMPTS, 8);
    assert.equal(loadNotificationsConfig({ MERCATO_DATA_DIR: '/srv/mercato' }).mailDir, '/srv/mercato/mail');
    assert.equal(loadNotificationsConfig({ MERCATO_DATA_DIR: '/srv/mercato', NOTIFICATIONS_MAIL_DIR: '/var/mail/shop' }).mailDir, '/var/mail/shop');

    const file = createMailer(defaults);
    const smtp = createMailer(loadNotificationsConfig({ NOTIFICATIONS_SMTP_URL: 'smtps://user:secret@mail.example:465' }));
    assert.deepEqual([file.transport, smtp.transport], ['file', 'smtp']);
    await Promise.all([file.close(), smtp.close()]);
  });

  it('fails fast on bad values', () => {
    assert.throws(() => loadNotificationsConfig({ NOTIFICATIONS_SMTP_URL: 'http://mail.example' }), /NOTIFICATIONS_SMTP_URL/);
    assert.throws(() => loadNotificationsConfig({ NOTIFICATIONS_MAX_ATTEMPTS: '0' }), /NOTIFICATIONS_MAX_ATTEMPTS/);
  });
});
