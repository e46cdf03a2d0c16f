import { Type } from '@sinclair/typebox';

const Id = Type.String({ minLength: 1, maxLength: 100 });

export const SearchQuerystring = Type.Object(
  {
    q: Type.Optional(Type.String({ maxLength: 200, description: 'Words to search for; the last one also matches as a prefix. Empty: browse.' })),
    category: Type.Optional(Type.String({ ...Id, description: 'Only products in this category or below it' })),
    brand: Type.Optional(Type.Array(Id, { maxItems: 20, description: 'Only products of these brands (repeat the parameter)' })),
    attr: Type.Optional(
      Type.Array(Type.String({ pattern: '^[a-z][a-z0-9_]{0,39}:.{1,100}$' }), {
        maxItems: 20,
        description: 'Attribute filter `code:value` (repeat: values of one code are alternatives, codes combine)',
      }),
    ),
    channel: Type.Optional(Type.String({ ...Id, description: 'Only products visible on this channel' })),
    facets: Type.Optional(
      Type.String({ pattern: '^([a-z][a-z0-9_]{0,39})?(,[a-z][a-z0-9_]{0,39})*$', maxLength: 500, description: 'Facet groups to count, comma-separated: category, brand, attribute codes (default: all; empty: none)' }),
    ),
    sort: Type.Union([Type.Literal('relevance'), Type.Literal('newest'), Type.Literal('name')], { default: 'relevance' }),
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 500, description: 'nextCursor of the previous page' })),
    typos: Type.Boolean({ default: true, description: 'Tolerate typos (1 in words of 5–8 letters, 2 from 9)' }),
    locale: Type.String({ pattern: '^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$', default: 'en', description: 'Language of facet labels' }),
  },
  { additionalProperties: false },
);

const Named = Type.Object({ id: Type.String(), name: Type.String() });

export const SearchHit = Type.Object({
  id: Type.String(),
  handle: Type.String(),
  name: Type.String(),
  skus: Type.Array(Type.String()),
  brand: Type.Union([Named, Type.Null()]),
  category: Type.Union([Named, Type.Null()]),
  image: Type.Union([Type.String(), Type.Null()]),
  version: Type.Integer(),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
  score: Type.Number({ description: 'Relevance (0 when sorting by something else)' }),
});

const FacetValue = Type.Object({ value: Type.String(), label: Type.String(), count: Type.Integer(), selected: Type.Boolean() });

export const SearchResponse = Type.Object({
  items: Type.Array(SearchHit),
  total: Type.Integer({ description: 'Products matching the query and filters' }),
  nextCursor: Type.Union([Type.String(), Type.Null()]),
  facets: Type.Object({
    category: Type.Array(
      Type.Composite([FacetValue, Type.Object({ parentId: Type.Union([Type.String(), Type.Null()]), depth: Type.Integer() })]),
      { description: "The selected category's path and its children (the top level when none is selected); counts include subcategories" },
    ),
    brand: Type.Array(FacetValue),
    attributes: Type.Array(Type.Object({ code: Type.String(), label: Type.String(), values: Type.Array(FacetValue) })),
  }),
});

export const SuggestQuerystring = Type.Object(
  {
    q: Type.String({ minLength: 1, maxLength: 100 }),
    limit: Type.Integer({ minimum: 1, maximum: 20, default: 5 }),
    channel: Type.Optional(Type.String(Id)),
  },
  { additionalProperties: false },
);

export const SuggestResponse = Type.Object({
  completions: Type.Array(Type.Object({ text: Type.String(), products: Type.Integer() }), { description: 'The query with its last word completed' }),
  products: Type.Array(Type.Object({ id: Type.String(), handle: Type.String(), name: Type.String(), image: Type.Union([Type.String(), Type.Null()]) })),
});
