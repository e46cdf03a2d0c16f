import { defineErrors } from '@mercato/kit';

/**
 * The orders service's error catalog; each code is documented in docs/reference/errors.md. Problems
 * the payments service raises other than a refused capture reach the caller with payments' code.
 */
export const ordersErrors = defineErrors({
  orderNotFound: { status: 404, title: 'No such order' },
  invalidTransition: { status: 409, title: 'The order’s state does not allow this' },
  orderVersionConflict: { status: 409, title: 'The order changed while this command was applied; read it again and retry' },
  paymentNotCaptured: { status: 402, title: 'The payment could not be captured; the order was not shipped' },
  rebuildInProgress: { status: 409, title: 'A read model rebuild is already running' },
});
