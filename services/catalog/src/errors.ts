import { defineErrors } from '@mercato/kit';

/** The catalog's error catalog; each code is documented in docs/reference/errors.md. */
export const catalogErrors = defineErrors({
  productNotFound: { status: 404, title: 'No such product' },
  categoryNotFound: { status: 404, title: 'No such category' },
  skuTaken: { status: 409, title: 'A SKU is already used by another variant' },
  handleTaken: { status: 409, title: 'The product handle is already used' },
  slugTaken: { status: 409, title: 'The category slug is already used' },
  duplicateSku: { status: 400, title: 'The same SKU appears twice in the request' },
});
