import type { EventData } from '@mercato/contracts';
import type { attributeUpserted } from '@mercato/contracts';

/** An attribute definition as the domain uses it (the event contract's shape). */
export type AttributeDefinition = EventData<typeof attributeUpserted>;

/** Attribute values keyed by attribute code, as products and variants carry them. */
export type AttributeValues = Record<string, string | number | boolean | Record<string, string>>;

/** One thing wrong with one value; `field` names it the way API and import errors report it. */
export interface AttributeViolation {
  field: string;
  code: 'unknown-attribute' | 'wrong-scope' | 'wrong-type' | 'unknown-option' | 'not-localized' | 'localized-required';
  message: string;
}

/**
 * Checks values against the definitions. Pure and synchronous: the API and the bulk import call it
 * with definitions they loaded once, and report every violation (not only the first).
 * `prefix` is how the caller names the container, e.g. `attributes` or `variants[2].attributes`.
 */
export function checkAttributeValues(
  definitions: ReadonlyMap<string, AttributeDefinition>,
  values: Readonly<Record<string, unknown>>,
  scope: 'product' | 'variant',
  prefix = 'attributes',
): AttributeViolation[] {
  const violations: AttributeViolation[] = [];
  for (const [code, value] of Object.entries(values)) {
    const field = `${prefix}.${code}`;
    const definition = definitions.get(code);
    if (!definition) {
      violations.push({ field, code: 'unknown-attribute', message: `No attribute is defined with code "${code}"` });
      continue;
    }
    if (definition.scope !== scope) {
      violations.push({ field, code: 'wrong-scope', message: `"${code}" is a ${definition.scope} attribute` });
      continue;
    }
    const problem = checkValue(definition, value);
    if (problem) violations.push({ field, ...problem });
  }
  return violations;
}

function checkValue(definition: AttributeDefinition, value: unknown): Omit<AttributeViolation, 'field'> | undefined {
  switch (definition.type) {
    case 'number':
      return typeof value === 'number' && Number.isFinite(value) ? undefined : wrongType('a number');
    case 'boolean':
      return typeof value === 'boolean' ? undefined : wrongType('true or false');
    case 'enum':
      if (typeof value !== 'string') return wrongType('an option code');
      return definition.options.some((o) => o.code === value)
        ? undefined
        : { code: 'unknown-option', message: `"${value}" is not an option of ${definition.code} (${definition.options.map((o) => o.code).join(', ')})` };
    case 'text':
      if (definition.localized) {
        if (isLocalizedText(value)) return undefined;
        return { code: 'localized-required', message: `${definition.code} is localized: give text per locale, e.g. {"en": "…"}` };
      }
      if (typeof value === 'string') return value.length <= MAX_TEXT ? undefined : wrongType(`text of at most ${MAX_TEXT} characters`);
      return isLocalizedText(value) ? { code: 'not-localized', message: `${definition.code} is not localized: give one string` } : wrongType('text');
  }
}

const MAX_TEXT = 2000;
const LOCALE = /^[a-z]{2,3}(-[A-Za-z0-9]{2,8})*$/;

/** Text per locale as the contract's LocalizedText allows it: BCP 47 keys, string values. */
function isLocalizedText(value: unknown): value is Record<string, string> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return false;
  const entries = Object.entries(value);
  return entries.length > 0 && entries.every(([locale, text]) => LOCALE.test(locale) && typeof text === 'string' && text.length <= MAX_TEXT);
}

function wrongType(expected: string): Omit<AttributeViolation, 'field'> {
  return { code: 'wrong-type', message: `must be ${expected}` };
}

/**
 * Turns a raw text cell (CSV) into the value its definition expects, or a violation. Localized text
 * columns are named `attr.<code>.<locale>` and arrive one locale at a time, so they are plain strings here.
 */
export function parseAttributeCell(definition: AttributeDefinition, raw: string): string | number | boolean | { error: string } {
  switch (definition.type) {
    case 'number': {
      const n = Number(raw);
      return raw.trim() !== '' && Number.isFinite(n) ? n : { error: `"${raw}" is not a number` };
    }
    case 'boolean':
      if (/^(true|yes|1)$/i.test(raw)) return true;
      if (/^(false|no|0)$/i.test(raw)) return false;
      return { error: `"${raw}" is not true/false` };
    default:
      return raw;
  }
}
