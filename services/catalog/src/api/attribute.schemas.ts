import { AttributeDefinitionState, AttributeType, LocalizedText } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { AttributeCode, Nullable } from './schemas.ts';

const OptionCode = Type.String({ pattern: '^[A-Za-z0-9][A-Za-z0-9_.-]{0,39}$', description: 'The value products store, e.g. `red`' });
const Option = Type.Object({ code: OptionCode, label: LocalizedText }, { additionalProperties: false });

const Changeable = {
  label: LocalizedText,
  localized: Type.Optional(Type.Boolean({ description: 'Text values are given per locale (text only); default false' })),
  scope: Type.Optional(Type.Union([Type.Literal('product'), Type.Literal('variant')], { description: 'Who carries the values; default product' })),
  options: Type.Optional(Type.Array(Option, { maxItems: 500, description: 'The allowed values (enum only, at least one)' })),
  unit: Type.Optional(Nullable(Type.String({ minLength: 1, maxLength: 20, description: 'Unit of a number, e.g. `g`' }))),
  facetable: Type.Optional(Type.Boolean({ description: 'Search offers it as a filter facet; default false' })),
  searchable: Type.Optional(Type.Boolean({ description: 'Search matches its text; default false' })),
};

export const AttributeInput = Type.Object(
  { code: AttributeCode, type: AttributeType, ...Changeable },
  { additionalProperties: false },
);
export type AttributeInput = Static<typeof AttributeInput>;

/** Any field but the code; type, scope and localized only while no product carries a value; options replace the list. */
export const AttributePatch = Type.Partial(Type.Object({ type: AttributeType, ...Changeable }), { additionalProperties: false, minProperties: 1 });
export type AttributePatch = Static<typeof AttributePatch>;

/** An attribute definition as the API returns it: the state its events carry. */
export const AttributeDefinition = AttributeDefinitionState;

export const AttributeParams = Type.Object({ code: Type.String({ maxLength: 64 }) });
