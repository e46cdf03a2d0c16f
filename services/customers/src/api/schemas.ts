import { CompanyState, CustomerState, GroupCode, GroupState } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { COUNTRY_CODES } from '../domain/countries.ts';

const Id = (prefix: string) => Type.String({ pattern: `^${prefix}_[0-9a-f]{32}$`, examples: [`${prefix}_0192f1c4a2b37c3d8e9f0a1b2c3d4e5f`] });
const Text = (maxLength: number) => Type.String({ minLength: 1, maxLength, pattern: '\\S' });
const OptionalText = (maxLength: number) => Type.Optional(Type.Union([Type.String({ maxLength }), Type.Null()]));
const Phone = Type.String({ pattern: '^\\+?[0-9 ()./-]{3,30}$', description: 'E.g. +49 30 1234567' });
const Email = Type.String({ format: 'email', maxLength: 254 });

/** An ISO 3166-1 alpha-2 code; an enum, so an unknown one fails validation naming the field. */
export const Country = Type.Unsafe<string>({ type: 'string', enum: COUNTRY_CODES, description: 'ISO 3166-1 alpha-2 code, upper case, e.g. DE' });

// ---- customers

/** A customer as the API returns it: the state its events carry plus contact details. */
export const Customer = Type.Composite([
  CustomerState,
  Type.Object({
    email: Type.Union([Type.String(), Type.Null()], { description: 'Contact email (the sign-in email lives in identity)' }),
    name: Type.String(),
    phone: Type.Union([Type.String(), Type.Null()]),
    createdAt: Type.String({ format: 'date-time' }),
  }),
]);
export type Customer = Static<typeof Customer>;

const ProfileFields = {
  name: Type.Optional(Text(200)),
  email: Type.Optional(Type.Union([Email, Type.Null()])),
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
};

/** What a customer may change on their own profile. */
export const ProfilePatch = Type.Object(ProfileFields, { additionalProperties: false, minProperties: 1 });
export type ProfilePatch = Static<typeof ProfilePatch>;

/** What staff may change: the profile, the customer's own groups (replaced as a whole) and their company. */
export const CustomerPatch = Type.Object(
  {
    ...ProfileFields,
    groups: Type.Optional(Type.Array(GroupCode, { maxItems: 50, uniqueItems: true, description: 'Replaces the own groups' })),
    companyId: Type.Optional(Type.Union([Id('comp'), Type.Null()], { description: 'Links the customer to a company as a buyer; null unlinks' })),
  },
  { additionalProperties: false, minProperties: 1 },
);
export type CustomerPatch = Static<typeof CustomerPatch>;

export const CustomerListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the name or email' })),
    group: Type.Optional(GroupCode),
    companyId: Type.Optional(Id('comp')),
  },
  { additionalProperties: false },
);
export type CustomerListQuery = Static<typeof CustomerListQuery>;

export const IdParams = Type.Object({ id: Type.String({ maxLength: 64 }) });

// ---- addresses

const AddressKind = Type.Union([Type.Literal('shipping'), Type.Literal('billing')]);

const AddressFields = {
  kind: AddressKind,
  isDefault: Type.Boolean({ description: "The customer's default of this kind; setting it clears the previous default" }),
  name: Text(200),
  company: OptionalText(200),
  line1: Text(200),
  line2: OptionalText(200),
  postalCode: OptionalText(20),
  city: Text(100),
  region: OptionalText(100),
  country: Country,
  phone: Type.Optional(Type.Union([Phone, Type.Null()])),
};

/** An address as a customer creates it; the first of its kind becomes the default unless told otherwise. */
export const AddressInput = Type.Object({ ...AddressFields, isDefault: Type.Optional(AddressFields.isDefault) }, { additionalProperties: false });
export type AddressInput = Static<typeof AddressInput>;

export const AddressPatch = Type.Partial(Type.Object(AddressFields), { additionalProperties: false, minProperties: 1 });
export type AddressPatch = Static<typeof AddressPatch>;

export const Address = Type.Object({
  id: Id('addr'),
  kind: AddressKind,
  isDefault: Type.Boolean(),
  name: Type.String(),
  company: Type.Union([Type.String(), Type.Null()]),
  line1: Type.String(),
  line2: Type.Union([Type.String(), Type.Null()]),
  postalCode: Type.Union([Type.String(), Type.Null()]),
  city: Type.String(),
  region: Type.Union([Type.String(), Type.Null()]),
  country: Type.String(),
  phone: Type.Union([Type.String(), Type.Null()]),
  createdAt: Type.String({ format: 'date-time' }),
  updatedAt: Type.String({ format: 'date-time' }),
});
export type Address = Static<typeof Address>;

export const AddressParams = Type.Object({ addressId: Type.String({ maxLength: 64 }) });

// ---- companies

export const Company = CompanyState;
export type Company = Static<typeof Company>;

const VatId = Type.String({ pattern: '^[A-Za-z]{2}[0-9A-Za-z+*. -]{2,20}$', description: 'Country prefix and number, e.g. DE123456789' });

export const CompanyInput = Type.Object(
  { name: Text(200), vatId: Type.Optional(Type.Union([VatId, Type.Null()])), groupCode: Type.Optional(Type.Union([GroupCode, Type.Null()])) },
  { additionalProperties: false },
);
export type CompanyInput = Static<typeof CompanyInput>;

/** A partial update; a new `groupCode` re-publishes every buyer with their new effective groups. */
export const CompanyPatch = Type.Partial(CompanyInput, { additionalProperties: false, minProperties: 1 });
export type CompanyPatch = Static<typeof CompanyPatch>;

export const CompanyListQuery = Type.Object(
  {
    limit: Type.Integer({ minimum: 1, maximum: 100, default: 20 }),
    cursor: Type.Optional(Type.String({ maxLength: 200 })),
    q: Type.Optional(Type.String({ minLength: 1, maxLength: 200, description: 'Part of the name or VAT id' })),
  },
  { additionalProperties: false },
);
export type CompanyListQuery = Static<typeof CompanyListQuery>;

// ---- groups

export const Group = GroupState;
export type Group = Static<typeof Group>;

export const GroupInput = Type.Object({ code: GroupCode, name: Text(120) }, { additionalProperties: false });
export type GroupInput = Static<typeof GroupInput>;

export const GroupPatch = Type.Object({ name: Text(120) }, { additionalProperties: false });
export type GroupPatch = Static<typeof GroupPatch>;

export const GroupParams = Type.Object({ code: Type.String({ maxLength: 64 }) });

/** One page of a cursor-paginated list. */
export const Page = <T extends ReturnType<typeof Type.Object>>(item: T) =>
  Type.Object({ items: Type.Array(item), nextCursor: Type.Union([Type.String(), Type.Null()]) });
