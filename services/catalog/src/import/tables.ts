import type { ColumnType, Generated } from 'kysely';
import type { CatalogTables } from '../store/tables.ts';

/** The import tables (migration 0003). */
export interface ImportTables {
  import_jobs: {
    id: string;
    kind: 'products' | 'categories' | 'attributes';
    format: 'csv' | 'ndjson';
    status: 'queued' | 'running' | 'succeeded' | 'failed';
    file_bytes: ColumnType<string, number | undefined, number>;
    rows_total: Generated<number>;
    rows_done: Generated<number>;
    rows_failed: Generated<number>;
    created: Generated<number>;
    updated: Generated<number>;
    unchanged: Generated<number>;
    failed: Generated<number>;
    error: string | null;
    created_by: string;
    created_at: ColumnType<Date, Date | undefined, never>;
    started_at: Date | null;
    finished_at: Date | null;
    heartbeat_at: ColumnType<Date, Date | undefined, Date>;
  };
  import_errors: {
    job_id: string;
    position: number;
    line: number;
    item: string | null;
    field: string | null;
    code: string;
    message: string;
  };
}

/** The catalog database with the import tables. */
export type ImportDb = CatalogTables & ImportTables;
