import { defineErrors } from '@mercato/kit';

/** The notifications service's error catalog; each code is documented in docs/reference/errors.md. */
export const notificationsErrors = defineErrors({
  deliveryNotFound: { status: 404, title: 'No such delivery' },
  noPersonalNotifications: { status: 403, title: 'Only a signed-in person has notification preferences and deliveries' },
  deliveryNotFailed: { status: 409, title: 'Only a failed delivery can be sent again' },
});
