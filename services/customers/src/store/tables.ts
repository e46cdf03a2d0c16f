import type { ColumnType, Generated } from 'kysely';

type CreatedAt = ColumnType<Date, Date | undefined, never>;
type UpdatedAt = ColumnType<Date, Date | undefined, Date>;

/** The customers database, as Kysely sees it. */
export interface CustomersTables {
  groups: {
    code: string;
    name: string;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  companies: {
    id: string;
    name: string;
    /** Normalized: upper case, no spaces or punctuation. Unique. */
    vat_id: string | null;
    group_code: string | null;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  customers: {
    id: string;
    /** The identity account; one profile per account. */
    account_id: string;
    email: string | null;
    name: string;
    phone: string | null;
    company_id: string | null;
    version: Generated<number>;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
  /** Groups assigned to a customer directly (the company's group comes on top). */
  customer_groups: {
    customer_id: string;
    group_code: string;
  };
  addresses: {
    id: string;
    customer_id: string;
    kind: 'shipping' | 'billing';
    /** At most one per customer and kind (partial unique index). */
    is_default: boolean;
    name: string;
    company: string | null;
    line1: string;
    line2: string | null;
    postal_code: string | null;
    city: string;
    region: string | null;
    country: string;
    phone: string | null;
    created_at: CreatedAt;
    updated_at: UpdatedAt;
  };
}
