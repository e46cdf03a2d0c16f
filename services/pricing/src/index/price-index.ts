import type { ListKind, PriceCandidate } from '../domain/precedence.ts';
import type { Promotion } from '../domain/promotions/definition.ts';

/** A price list as the index keeps it (times in epoch ms). */
export interface IndexedList {
  id: string;
  code: string;
  kind: ListKind;
  currency: string;
  channel: string | null;
  groupCode: string | null;
  companyId: string | null;
  customerId: string | null;
  priority: number;
  validFrom: number | null;
  validTo: number | null;
  active: boolean;
}

export interface IndexedTier {
  listId: string;
  minQuantity: number;
  amount: number;
}

export interface CustomerFacts {
  customerId: string;
  accountId: string;
  companyId: string | null;
  groups: readonly string[];
}

export interface CurrencyFacts {
  code: string;
  minorUnits: number;
  taxMode: 'gross' | 'net';
}

/** Who is buying, where and when: what decides which lists apply. */
export interface ResolutionContext {
  currency: string;
  channel: string;
  at: number;
  groups: readonly string[];
  companyId: string | null;
  customerId: string | null;
}

/**
 * Every price of every list, by SKU, plus the facts resolution needs (known SKUs, customers,
 * currencies) and the promotions quotes apply, in memory. Resolving a 20-line cart is 20 map lookups and a scan of a few tiers each;
 * `index-sync.ts` keeps it in step with the database.
 */
export class PriceIndex {
  readonly lists = new Map<string, IndexedList>();
  private readonly tiers = new Map<string, IndexedTier[]>();
  private readonly skus = new Set<string>();
  private readonly customersByAccount = new Map<string, CustomerFacts>();
  private readonly accountOfCustomer = new Map<string, string>();
  readonly currencies = new Map<string, CurrencyFacts>();
  /** Every promotion by id (the quote filters them by activity, window and conditions). */
  readonly promotions = new Map<string, Promotion>();

  get priceCount(): number {
    let n = 0;
    for (const tiers of this.tiers.values()) n += tiers.length;
    return n;
  }

  /** Replaces the tiers of `sku` in `listId` (none: the list no longer prices it). */
  setTiers(sku: string, listId: string, tiers: ReadonlyArray<{ minQuantity: number; amount: number }>): void {
    listId = this.internedListId(listId);
    const kept = (this.tiers.get(sku) ?? []).filter((t) => t.listId !== listId);
    for (const t of tiers) kept.push({ listId, minQuantity: t.minQuantity, amount: t.amount });
    if (kept.length > 0) this.tiers.set(sku, kept);
    else this.tiers.delete(sku);
  }

  /** Adds one tier (bulk loading). */
  addTier(sku: string, tier: IndexedTier): void {
    tier.listId = this.internedListId(tier.listId);
    const list = this.tiers.get(sku);
    if (list) list.push(tier);
    else this.tiers.set(sku, [tier]);
  }

  /** The list's own id string: one copy for all its tiers instead of one per database row. */
  private internedListId(listId: string): string {
    return this.lists.get(listId)?.id ?? listId;
  }

  setList(list: IndexedList): void {
    this.lists.set(list.id, list);
  }

  /** Forgets a deleted list and its tiers. */
  removeList(listId: string): void {
    if (!this.lists.delete(listId)) return;
    for (const [sku, tiers] of this.tiers) {
      if (!tiers.some((t) => t.listId === listId)) continue;
      const kept = tiers.filter((t) => t.listId !== listId);
      if (kept.length > 0) this.tiers.set(sku, kept);
      else this.tiers.delete(sku);
    }
  }

  setSku(sku: string, known: boolean): void {
    if (known) this.skus.add(sku);
    else this.skus.delete(sku);
  }

  hasSku(sku: string): boolean {
    return this.skus.has(sku);
  }

  setCustomer(customerId: string, facts: CustomerFacts | undefined): void {
    const previous = this.accountOfCustomer.get(customerId);
    if (previous !== undefined) this.customersByAccount.delete(previous);
    if (!facts) {
      this.accountOfCustomer.delete(customerId);
      return;
    }
    this.accountOfCustomer.set(customerId, facts.accountId);
    this.customersByAccount.set(facts.accountId, facts);
  }

  customerOfAccount(accountId: string): CustomerFacts | undefined {
    return this.customersByAccount.get(accountId);
  }

  /** The tiers of `sku` (at most `quantity`) in every list that applies to the context. */
  candidates(sku: string, quantity: number, context: ResolutionContext): PriceCandidate[] {
    const out: PriceCandidate[] = [];
    for (const tier of this.tiers.get(sku) ?? []) {
      if (tier.minQuantity > quantity) continue;
      const list = this.lists.get(tier.listId);
      if (!list || !applies(list, context)) continue;
      out.push({
        listId: list.id,
        listCode: list.code,
        kind: list.kind,
        priority: list.priority,
        channel: list.channel,
        validFrom: list.validFrom === null ? null : new Date(list.validFrom),
        validTo: list.validTo === null ? null : new Date(list.validTo),
        minQuantity: tier.minQuantity,
        amount: tier.amount,
      });
    }
    return out;
  }
}

/** Whether a list applies: active, currency, channel, validity [from, to), and who it is for. */
export function applies(list: IndexedList, context: ResolutionContext): boolean {
  if (!list.active || list.currency !== context.currency) return false;
  if (list.channel !== null && list.channel !== context.channel) return false;
  if (list.validFrom !== null && list.validFrom > context.at) return false;
  if (list.validTo !== null && list.validTo <= context.at) return false;
  if (list.kind === 'base') return true;
  if (list.kind === 'group') return list.groupCode !== null && context.groups.includes(list.groupCode);
  return (list.companyId !== null && list.companyId === context.companyId) || (list.customerId !== null && list.customerId === context.customerId);
}
