import { Type } from '@sinclair/typebox';
import { defineEvent } from '../event-contract.ts';

/** Text per locale, e.g. {"en": "Red", "de": "Rot"}; locale keys are BCP 47 tags. */
export const LocalizedText = Type.Record(Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$' }), Type.String({ maxLength: 2000 }), {
  description: 'Text per locale (BCP 47 keys)',
  minProperties: 1,
});

/**
 * One attribute value, shaped by its definition: `text` → string (or LocalizedText when the
 * definition is localized), `number` → number, `enum` → the code of one option, `boolean` → boolean.
 */
export const AttributeValue = Type.Union([Type.String({ maxLength: 2000 }), Type.Number(), Type.Boolean(), LocalizedText]);

/** Attribute values keyed by attribute code. */
export const AttributeValues = Type.Record(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$' }), AttributeValue, { maxProperties: 100 });

const Variant = Type.Object({
  id: Type.String(),
  sku: Type.String(),
  name: Type.String(),
  options: Type.Record(Type.String(), Type.String()),
  attributes: AttributeValues,
  weightGrams: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()], { description: 'Shipping weight' }),
});

const Media = Type.Object({
  url: Type.String({ format: 'uri', maxLength: 2000 }),
  alt: Type.String({ maxLength: 300 }),
});

/** A product's full state after a change (event-carried state transfer). */
export const ProductState = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  name: Type.String(),
  description: Type.String(),
  status: Type.Union([Type.Literal('draft'), Type.Literal('published')]),
  categoryId: Type.Union([Type.String(), Type.Null()]),
  brandId: Type.Union([Type.String(), Type.Null()]),
  channels: Type.Array(Type.String(), { description: 'Channel codes the product is visible on' }),
  attributes: AttributeValues,
  media: Type.Array(Media),
  variants: Type.Array(Variant),
  version: Type.Integer({ minimum: 1, description: 'Increases on every change; send it back in If-Match' }),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});

/** A category with its place in the tree: `path` lists ancestor ids from the root down to itself. */
export const CategoryState = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Type.String(), Type.Null()]),
  path: Type.Array(Type.String(), { minItems: 1 }),
  position: Type.Integer(),
  version: Type.Integer({ minimum: 1 }),
});

export const BrandState = Type.Object({
  id: Type.String(),
  slug: Type.String(),
  name: Type.String(),
  version: Type.Integer({ minimum: 1 }),
});

export const AttributeType = Type.Union([Type.Literal('text'), Type.Literal('number'), Type.Literal('enum'), Type.Literal('boolean')]);

/** An attribute definition: what values products may carry under `code`, and how search uses it. */
export const AttributeDefinitionState = Type.Object({
  code: Type.String(),
  type: AttributeType,
  label: LocalizedText,
  localized: Type.Boolean({ description: 'Text values are given per locale' }),
  scope: Type.Union([Type.Literal('product'), Type.Literal('variant')]),
  options: Type.Array(Type.Object({ code: Type.String(), label: LocalizedText }), { description: 'The allowed values of an enum' }),
  unit: Type.Union([Type.String(), Type.Null()]),
  facetable: Type.Boolean(),
  searchable: Type.Boolean(),
  version: Type.Integer({ minimum: 1 }),
});

/** A product was created or changed; `data` is its whole new state. */
export const productUpserted = defineEvent('mercato.catalog.product.upserted.v1', ProductState);

/** A product was deleted. */
export const productDeleted = defineEvent('mercato.catalog.product.deleted.v1', Type.Object({ id: Type.String() }));

/** A category was created, renamed or moved (a move re-publishes every descendant: paths change). */
export const categoryUpserted = defineEvent('mercato.catalog.category.upserted.v1', CategoryState);

export const categoryDeleted = defineEvent('mercato.catalog.category.deleted.v1', Type.Object({ id: Type.String() }));

export const brandUpserted = defineEvent('mercato.catalog.brand.upserted.v1', BrandState);

export const brandDeleted = defineEvent('mercato.catalog.brand.deleted.v1', Type.Object({ id: Type.String() }));

export const attributeUpserted = defineEvent('mercato.catalog.attribute.upserted.v1', AttributeDefinitionState);

export const attributeDeleted = defineEvent('mercato.catalog.attribute.deleted.v1', Type.Object({ code: Type.String() }));

/** Every event the catalog publishes. */
export const catalogEvents = [
  productUpserted,
  productDeleted,
  categoryUpserted,
  categoryDeleted,
  brandUpserted,
  brandDeleted,
  attributeUpserted,
  attributeDeleted,
];
