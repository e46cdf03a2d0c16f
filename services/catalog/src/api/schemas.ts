import { ProductState } from '@mercato/contracts';
import { Type, type Static, type TSchema } from '@sinclair/typebox';

export const Id = (prefix: string, description?: string) =>
  Type.String({ pattern: `^${prefix}_[0-9a-f]{32}$`, examples: [`${prefix}_0192f1c4a2b37c3d8e9f0a1b2c3d4e5f`], ...(description && { description }) });
export const Handle = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 1, maxLength: 120, description: 'URL-safe unique name' });
export const AttributeCode = Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}$', description: 'Lower-case code, e.g. `color`' });
const CHANNEL_CODE = { pattern: '^[a-z][a-z0-9-]{0,39}$', examples: ['web'] };
export const ChannelCode = Type.String(CHANNEL_CODE);

/**
 * A value that may be null. `Null` comes first: the HTTP layer coerces types, and tried second it
 * would see `null` already turned into `""` by the first branch.
 */
export const Nullable = <T extends TSchema>(schema: T) => Type.Union([Type.Null(), schema]);

const Sku = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$', minLength: 1, maxLength: 64 });
const Options = Type.Record(Type.String({ minLength: 1, maxLength: 40 }), Type.String({ maxLength: 120 }), {
  description: 'Option values that tell variants apart, e.g. {"size": "M"}',
  maxProperties: 10,
});

/**
 * Attribute values by code. The values are left untyped here on purpose: with type coercion on, a
 * union schema would turn `5` into `"5"`; each value is checked against its definition instead.
 */
const AttributeValuesInput = Type.Record(
  AttributeCode,
  Type.Unknown({ description: 'text: a string (localized: {"en": "…"}); number; enum: an option code; boolean' }),
  { maxProperties: 100, description: 'Values keyed by attribute code; each must fit its attribute definition' },
);
export type AttributeValuesInput = Static<typeof AttributeValuesInput>;

const MediaInput = Type.Object(
  {
    url: Type.String({ format: 'uri', pattern: '^https?://', maxLength: 2000 }),
    alt: Type.Optional(Type.String({ maxLength: 300, description: 'Defaults to ""' })),
  },
  { additionalProperties: false },
);

/** A variant as clients write it. */
export const VariantInput = Type.Object(
  {
    sku: Sku,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    options: Type.Optional(Options),
    attributes: Type.Optional(AttributeValuesInput),
    weightGrams: Type.Optional(Type.Integer({ minimum: 0, maximum: 10_000_000, description: 'Shipping weight in grams' })),
  },
  { additionalProperties: false },
);
export type VariantInput = Static<typeof VariantInput>;

/** A product as clients create it. */
export const ProductInput = Type.Object(
  {
    handle: Handle,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    // No schema default: it would also fill in PATCH bodies and silently unpublish products.
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')], { description: 'Defaults to draft on create' })),
    categoryId: Type.Optional(Nullable(Id('cat'))),
    brandId: Type.Optional(Nullable(Id('brand'))),
    channels: Type.Optional(Type.Array(ChannelCode, { uniqueItems: true, maxItems: 20, description: 'Channels the product is visible on; defaults to every channel on create' })),
    attributes: Type.Optional(AttributeValuesInput),
    media: Type.Optional(Type.Array(MediaInput, { maxItems: 50, description: 'Image references, in display order' })),
    variants: Type.Array(VariantInput, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type ProductInput = Static<typeof ProductInput>;

/** A partial update; `attributes`, `channels`, `media` and `variants`, when given, replace the whole value (SKUs kept keep their variant ids). */
export const ProductPatch = Type.Partial(ProductInput, { additionalProperties: false, minProperties: 1 });
export type ProductPatch = Static<typeof ProductPatch>;

/** A product as the API returns it: exactly the state its events carry (one definition for both). */
export const Product = ProductState;
export type Product = Static<typeof Product>;

/** One page of a cursor-paginated list. */
export const Page = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const ProductListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Id('cat', 'Products in this category or any of its descendants')),
    brand: Type.Optional(Id('brand')),
    channel: Type.Optional(Type.String({ ...CHANNEL_CODE, description: 'Only products visible on this channel' })),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')], { description: 'Staff only; the public sees published products' })),
    handle: Type.Optional(Type.String({ pattern: Handle.pattern, maxLength: 120, description: 'Only the product with this handle (storefront URLs name products by handle)' })),
    sku: Type.Optional(Type.Array(Sku, { maxItems: 100, description: 'Only products with a variant of one of these SKUs (repeat the parameter)' })),
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;

/** The `:id` of a product, category or brand. */
export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });
export const ProductParams = IdParams;

/** A list that is not paginated. */
export const Items = <T extends TSchema>(item: T) => Type.Object({ items: Type.Array(item) });
