import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';

const Variant = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  name: Type.String(),
  options: Type.Record(Type.String(), Type.String()),
});

/** A product's full state after a change (event-carried state transfer). */
export const ProductState = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  categoryId: Type.Union([Type.String(), Type.Null()]),
  variants: Type.Array(Variant),
  version: Type.Integer({ minimum: 1, description: 'Increases on every change; send it back in If-Match' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** A product was created or changed; `data` is its whole new state. */
export const productUpserted = defineEvent('mercato.catalog.product.upserted.v1', ProductState);

/** A product was deleted. */
export const productDeleted = defineEvent('mercato.catalog.product.deleted.v1', Type.Object({ id: Type.String() }));

/** Every event the catalog publishes. */
export const catalogEvents = [productUpserted, productDeleted];
