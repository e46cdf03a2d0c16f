import { Type } from '@sinclair/typebox';

/** An ISO 4217 currency code, e.g. EUR. */
export const CurrencyCode = Type.String({ pattern: '^[A-Z]{3}$', description: 'ISO 4217 code', examples: ['EUR'] });

/** An amount in the currency's minor unit (cents for EUR, yen for JPY): always an integer. */
export const MinorUnits = Type.Integer({ minimum: 0, maximum: 1_000_000_000_000, description: 'Integer amount in minor units' });
