import type { AttributeDefinition } from './attributes.ts';
import type { FieldViolation } from './violations.ts';

/** A definition without its version: what clients write. */
export type DefinitionContent = Omit<AttributeDefinition, 'version'>;

/** The fields that decide how stored values are shaped: they cannot change while values exist. */
export const SHAPE_FIELDS = ['type', 'scope', 'localized'] as const;

/** Everything inconsistent in a definition: options only (and always) for enums, locales only for text, units only for numbers. */
export function definitionViolations(definition: DefinitionContent): FieldViolation[] {
  const violations: FieldViolation[] = [];
  if (definition.type === 'enum' && definition.options.length === 0) {
    violations.push({ field: 'options', code: 'options-required', message: 'an enum attribute needs at least one option' });
  }
  if (definition.type !== 'enum' && definition.options.length > 0) {
    violations.push({ field: 'options', code: 'options-not-allowed', message: `only enum attributes have options, this one is ${definition.type}` });
  }
  const seen = new Set<string>();
  definition.options.forEach(({ code }, index) => {
    if (seen.has(code)) violations.push({ field: `options[${index}].code`, code: 'duplicate-option', message: `option ${code} appears more than once` });
    seen.add(code);
  });
  if (definition.localized && definition.type !== 'text') {
    violations.push({ field: 'localized', code: 'not-localizable', message: 'only text attributes can be localized' });
  }
  if (definition.unit !== null && definition.type !== 'number') {
    violations.push({ field: 'unit', code: 'unit-not-allowed', message: 'only number attributes have a unit' });
  }
  return violations;
}

/** The shape fields a change alters (empty when values stay valid). */
export function shapeChanges(current: DefinitionContent, next: DefinitionContent): Array<(typeof SHAPE_FIELDS)[number]> {
  return SHAPE_FIELDS.filter((field) => current[field] !== next[field]);
}

/** Option codes the current definition has and the next one drops. */
export function removedOptions(current: DefinitionContent, next: DefinitionContent): string[] {
  const kept = new Set(next.options.map((o) => o.code));
  return current.options.map((o) => o.code).filter((code) => !kept.has(code));
}
