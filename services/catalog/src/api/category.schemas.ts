import { CategoryState } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { Handle, Id, Nullable } from './schemas.ts';

export const CategoryInput = Type.Object(
  {
    slug: Handle,
    name: Type.String({ minLength: 1, maxLength: 120 }),
    parentId: Type.Optional(Nullable(Id('cat', 'The parent category; null or absent for a top-level category'))),
    position: Type.Optional(Type.Integer({ minimum: 0, maximum: 1_000_000, description: 'Order among siblings (then by name); defaults to 0' })),
  },
  { additionalProperties: false },
);
export type CategoryInput = Static<typeof CategoryInput>;

/** Rename, re-slug, reorder, or move (`parentId`; a move re-publishes the whole subtree). */
export const CategoryPatch = Type.Partial(CategoryInput, { additionalProperties: false, minProperties: 1 });
export type CategoryPatch = Static<typeof CategoryPatch>;

/** A category as the API returns it: the state its events carry. */
export const Category = CategoryState;

export const CategoryTreeNode = Type.Recursive((Node) => Type.Composite([CategoryState, Type.Object({ children: Type.Array(Node) })]), {
  $id: 'CategoryTreeNode',
  description: 'A category with its subcategories, ordered by position then name',
});
