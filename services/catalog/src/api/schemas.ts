import { ProductState } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';

const Id = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-f]{32}$`, examples: [`${prefix}_0192f1c4a2b37c3d8e9f0a1b2c3d4e5f`] });
const Handle = Type.String({ pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$', minLength: 1, maxLength: 120, description: 'URL-safe unique name' });
const Sku = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9._/-]*$', minLength: 1, maxLength: 64 });
const Options = Type.Record(Type.String({ minLength: 1, maxLength: 40 }), Type.String({ maxLength: 120 }), {
  description: 'Option values that tell variants apart, e.g. {"size": "M"}',
  maxProperties: 10,
});

/** A variant as clients write it. */
export const VariantInput = Type.Object(
  { sku: Sku, name: Type.String({ minLength: 1, maxLength: 200 }), options: Type.Optional(Options) },
  { additionalProperties: false },
);

/** A product as clients create it. */
export const ProductInput = Type.Object(
  {
    handle: Handle,
    name: Type.String({ minLength: 1, maxLength: 200 }),
    description: Type.Optional(Type.String({ maxLength: 20_000 })),
    // No schema default: it would also fill in PATCH bodies and silently unpublish products.
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')], { description: 'Defaults to draft on create' })),
    categoryId: Type.Optional(Type.Union([Id('cat'), Type.Null()])),
    variants: Type.Array(VariantInput, { minItems: 1, maxItems: 100 }),
  },
  { additionalProperties: false },
);
export type ProductInput = Static<typeof ProductInput>;

/** A partial update; `variants`, when given, replaces the whole list (SKUs kept keep their ids). */
export const ProductPatch = Type.Partial(ProductInput, { additionalProperties: false, minProperties: 1 });
export type ProductPatch = Static<typeof ProductPatch>;

/**
 * A product as the API returns it: the state its events carry (the contract in
 * `@mercato/contracts`, one definition for both) plus when it was created.
 */
export const Product = Type.Composite([ProductState, Type.Object({ createdAt: Type.String({ format: 'date-time' }) })]);
export type Product = Static<typeof Product>;

/** One page of a cursor-paginated list. */
export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });

export const ProductListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    category: Type.Optional(Id('cat')),
    status: Type.Optional(Type.Union([Type.Literal('draft'), Type.Literal('published')], { description: 'Staff only; the public sees published products' })),
  },
  { additionalProperties: false },
);
export type ProductListQuery = Static<typeof ProductListQuery>;

export const ProductParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

export const CategoryInput = Type.Object(
  { slug: Handle, name: Type.String({ minLength: 1, maxLength: 120 }), parentId: Type.Optional(Type.Union([Id('cat'), Type.Null()])) },
  { additionalProperties: false },
);
export type CategoryInput = Static<typeof CategoryInput>;

export const Category = Type.Object({ id: Id('cat'), slug: Type.String(), name: Type.String(), parentId: Type.Union([Type.String(), Type.Null()]) });
export type Category = Static<typeof Category>;
