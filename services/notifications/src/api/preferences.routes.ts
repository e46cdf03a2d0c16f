import { etag, expectedVersion, IfMatchHeaders, type ServiceApp, staleVersion } from '@mercato/kit';
import { accountOf } from '../domain/access.ts';
import type { NotificationsContext } from '../store/context.ts';
import { findPreferences, savePreferences } from '../store/preferences.store.ts';
import { Preferences, PreferencesInput } from './schemas.ts';
import { preferencesView } from './view.ts';

const tags = ['preferences'];

/** The signed-in customer's email preferences (all on until changed). */
export function preferencesRoutes(app: ServiceApp, ctx: NotificationsContext): void {
  app.get(
    '/api/notifications/preferences/me',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Your email preferences', response: { 200: Preferences } } },
    async (request, reply) => {
      const preferences = await findPreferences(ctx.db, accountOf(request.principal));
      reply.header('etag', etag(preferences.version));
      return preferencesView(preferences);
    },
  );

  app.put(
    '/api/notifications/preferences/me',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Replace your email preferences',
        description:
          'A kind turned off is not sent for your orders; the delivery log records it as `skipped` (reason `preference`). Cancellations are always sent. If-Match is optional (`"0"` before the first save).',
        headers: IfMatchHeaders,
        body: PreferencesInput,
        response: { 200: Preferences },
      },
    },
    async (request, reply) => {
      const expected = expectedVersion(request.headers['if-match'], false);
      const saved = await savePreferences(ctx.db, accountOf(request.principal), request.body.email, expected);
      if (saved === 'stale') throw staleVersion('preferences');
      reply.header('etag', etag(saved.version));
      return preferencesView(saved);
    },
  );
}
