import { defineErrors } from '@mercato/kit';

/** The gateway's error catalog; each code is documented in docs/reference/errors.md. */
export const gatewayErrors = defineErrors({
  appNotBuilt: { status: 503, title: 'This web app is not built' },
});
