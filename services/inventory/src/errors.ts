import { defineErrors } from '@mercato/kit';

/** The inventory's error catalog; each code is documented in docs/reference/errors.md. */
export const inventoryErrors = defineErrors({
  skuNotInCatalog: { status: 422, title: 'The SKU is not in the catalog' },
  unknownWarehouse: { status: 422, title: 'The request names a warehouse that does not exist' },
  warehouseNotFound: { status: 404, title: 'No such warehouse' },
  warehouseCodeTaken: { status: 409, title: 'The warehouse code is already used' },
  repeatedLineSku: { status: 400, title: 'The same SKU appears on more than one line' },
  insufficientStock: { status: 409, title: 'Not enough stock to hold the requested quantity' },
  onHandBelowReserved: { status: 409, title: 'The change would leave fewer units on hand than are reserved' },
  reservationNotFound: { status: 404, title: 'No such reservation' },
  reservationExpired: { status: 409, title: 'The reservation has expired' },
  reservationReleased: { status: 409, title: 'The reservation was released' },
  reservationCommitted: { status: 409, title: 'The reservation was already committed' },
});
