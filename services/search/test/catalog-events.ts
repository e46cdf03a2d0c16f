import { randomUUID } from 'node:crypto';
import {
  attributeUpserted,
  brandUpserted,
  categoryUpserted,
  productDeleted,
  productUpserted,
  type EventContract,
  type EventData,
} from '@mercato/contracts';
import type { CloudEvent } from '@mercato/kit';

export type ProductState = EventData<typeof productUpserted>;

/** Builds catalog events as the catalog would publish them, numbering each subject's events. */
export class CatalogEvents {
  private readonly sequences = new Map<string, number>();
  /** Every event made, in order: the catalog's feed. */
  readonly feed: CloudEvent[] = [];

  event<C extends EventContract>(contract: C, subject: string, data: EventData<C>): CloudEvent {
    const sequence = (this.sequences.get(subject) ?? 0) + 1;
    this.sequences.set(subject, sequence);
    const event: CloudEvent = {
      specversion: '1.0',
      id: randomUUID(),
      source: '/mercato/catalog',
      type: contract.type,
      subject,
      time: new Date().toISOString(),
      datacontenttype: 'application/json',
      sequence,
      data,
    };
    this.feed.push(event);
    return event;
  }

  product(fields: Partial<ProductState> & { id: string; name: string }): CloudEvent {
    const version = (this.sequences.get(fields.id) ?? 0) + 1;
    const at = fields.createdAt ?? new Date(Date.UTC(2026, 0, 1) + this.feed.length * 1000).toISOString();
    return this.event(productUpserted, fields.id, {
      handle: fields.id,
      description: '',
      status: 'published',
      categoryId: null,
      brandId: null,
      channels: ['web'],
      attributes: {},
      media: [],
      variants: [{ id: `${fields.id}-v1`, sku: `SKU-${fields.id}`.toUpperCase(), name: fields.name, options: {}, attributes: {}, weightGrams: null }],
      version,
      createdAt: at,
      updatedAt: at,
      ...fields,
    });
  }

  deleteProduct(id: string): CloudEvent {
    return this.event(productDeleted, id, { id });
  }

  category(id: string, name: string, parent: { id: string; path: string[] } | null = null): CloudEvent {
    const version = (this.sequences.get(id) ?? 0) + 1;
    return this.event(categoryUpserted, id, { id, slug: id, name, parentId: parent?.id ?? null, path: [...(parent?.path ?? []), id], position: 0, version });
  }

  brand(id: string, name: string): CloudEvent {
    const version = (this.sequences.get(id) ?? 0) + 1;
    return this.event(brandUpserted, id, { id, slug: id, name, version });
  }

  enumAttribute(code: string, label: string, options: Array<[string, string]>, facetable = true): CloudEvent {
    const version = (this.sequences.get(`attr:${code}`) ?? 0) + 1;
    return this.event(attributeUpserted, `attr:${code}`, {
      code,
      type: 'enum',
      label: { en: label },
      localized: false,
      scope: 'product',
      options: options.map(([c, l]) => ({ code: c, label: { en: l } })),
      unit: null,
      facetable,
      searchable: true,
      version,
    });
  }
}
