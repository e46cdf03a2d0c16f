import type { Variant } from '../../api/types.ts';

/** A variant as edited in the form: options as "size=M, color=red" text, weight as text. */
export interface VariantDraft {
  key: string;
  sku: string;
  name: string;
  options: string;
  weight: string;
  /** Kept as read: the form does not edit variant attributes, but a PATCH replaces the variants. */
  attributes: Record<string, unknown>;
}

let nextKey = 0;

export function draftOf(variant: Variant): VariantDraft {
  return {
    key: `v${nextKey++}`,
    sku: variant.sku,
    name: variant.name,
    options: Object.entries(variant.options)
      .map(([k, v]) => `${k}=${v}`)
      .join(', '),
    weight: variant.weightGrams == null ? '' : String(variant.weightGrams),
    attributes: variant.attributes,
  };
}

export function emptyDraft(): VariantDraft {
  return { key: `v${nextKey++}`, sku: '', name: '', options: '', weight: '', attributes: {} };
}

export function parseOptions(text: string): Record<string, string> {
  const options: Record<string, string> = {};
  for (const part of text.split(',')) {
    const [name, ...rest] = part.split('=');
    if (name?.trim() && rest.length) options[name.trim()] = rest.join('=').trim();
  }
  return options;
}

/** The PATCH body's variants (the API's input shape). */
export function variantsInput(drafts: VariantDraft[]) {
  return drafts.map((d) => ({
    sku: d.sku.trim(),
    name: d.name.trim(),
    options: parseOptions(d.options),
    attributes: d.attributes,
    ...(d.weight.trim() ? { weightGrams: Number(d.weight) } : {}),
  }));
}
