import type { ColumnType, Generated } from 'kysely';

export type DocumentKind = 'attribute' | 'brand' | 'category' | 'product';
export type GenerationStatus = 'building' | 'active' | 'retired' | 'failed';

/**
 * The durable read model. Documents are kept per generation: the active one is served, a building
 * one is filled by a reindex. `seq` is the change sequence replicas tail (one value per writing
 * transaction, in commit order); `event_sequence` is the catalog event that wrote the row, so an
 * older event never overwrites a newer state. Deletions stay as tombstones so tailers see them.
 */
export interface SearchTables {
  search_state: {
    id: number;
    change_seq: ColumnType<string, string | number, string | number>;
    active_generation: number;
    building_generation: number | null;
  };
  search_generations: {
    id: number;
    status: GenerationStatus;
    started_at: ColumnType<Date, Date | string | undefined, Date | string>;
    heartbeat_at: ColumnType<Date, Date | string | undefined, Date | string>;
    finished_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>;
    events_read: ColumnType<string, string | number | undefined, string | number>;
    documents: Generated<number>;
    requested_by: string | null;
    error: string | null;
  };
  search_documents: {
    generation: number;
    kind: DocumentKind;
    id: string;
    seq: ColumnType<string, string | number, string | number>;
    event_sequence: number;
    deleted: boolean;
    data: ColumnType<unknown, string | null, string | null>;
    brand_id: string | null;
    category_id: string | null;
  };
}
