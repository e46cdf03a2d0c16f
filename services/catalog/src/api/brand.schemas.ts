import { BrandState } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';
import { Handle } from './schemas.ts';

export const BrandInput = Type.Object({ slug: Handle, name: Type.String({ minLength: 1, maxLength: 120 }) }, { additionalProperties: false });
export type BrandInput = Static<typeof BrandInput>;

export const BrandPatch = Type.Partial(BrandInput, { additionalProperties: false, minProperties: 1 });
export type BrandPatch = Static<typeof BrandPatch>;

/** A brand as the API returns it: the state its events carry. */
export const Brand = BrandState;
