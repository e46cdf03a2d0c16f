import type { CategoryState } from '@mercato/contracts';
import type { Static } from '@sinclair/typebox';

/** A category as its events carry it, with `path` from the root down to itself. */
export type Category = Static<typeof CategoryState>;

/** A category row before its place in the tree is known. */
export type CategoryNode = Omit<Category, 'path'>;

/** A category with its subcategories, siblings ordered by position then name. */
export type CategoryTreeNode = Category & { children: CategoryTreeNode[] };

/** The category tree held in memory: paths, subtrees and cycle checks without further queries. */
export class CategoryTree {
  private readonly byId: Map<string, CategoryNode>;
  private readonly children = new Map<string | null, CategoryNode[]>();

  constructor(nodes: readonly CategoryNode[]) {
    this.byId = new Map(nodes.map((n) => [n.id, n]));
    for (const node of nodes) this.children.set(node.parentId, [...(this.children.get(node.parentId) ?? []), node]);
    for (const siblings of this.children.values()) siblings.sort((a, b) => a.position - b.position || a.name.localeCompare(b.name) || a.id.localeCompare(b.id));
  }

  has(id: string): boolean {
    return this.byId.has(id);
  }

  /** Ancestor ids from the root down to `id` itself. */
  path(id: string): string[] {
    const path: string[] = [];
    for (let node = this.byId.get(id); node; node = node.parentId ? this.byId.get(node.parentId) : undefined) {
      if (path.includes(node.id)) throw new Error(`category tree has a cycle through ${node.id}`);
      path.unshift(node.id);
    }
    return path;
  }

  /** The category with its path, or undefined. */
  state(id: string): Category | undefined {
    const node = this.byId.get(id);
    return node && { ...node, path: this.path(id) };
  }

  /** Every category, depth first in sibling order. */
  states(): Category[] {
    return this.flatten(this.roots());
  }

  /** The category and all its descendants, depth first. */
  subtree(id: string): Category[] {
    const root = this.toNode(this.byId.get(id)!);
    return this.flatten([root]);
  }

  /** Whether it has subcategories. */
  hasChildren(id: string): boolean {
    return (this.children.get(id)?.length ?? 0) > 0;
  }

  /**
   * The cycle that putting `id` under `newParentId` would close, as ids from `id` down to the new
   * parent and back to `id`; undefined when the move is fine.
   */
  cycle(id: string, newParentId: string | null): string[] | undefined {
    if (newParentId === null) return undefined;
    const parentPath = this.path(newParentId);
    const start = parentPath.indexOf(id);
    return start < 0 ? undefined : [...parentPath.slice(start), id];
  }

  /** The nested tree. */
  roots(): CategoryTreeNode[] {
    return (this.children.get(null) ?? []).map((n) => this.toNode(n));
  }

  private toNode(node: CategoryNode): CategoryTreeNode {
    return { ...node, path: this.path(node.id), children: (this.children.get(node.id) ?? []).map((c) => this.toNode(c)) };
  }

  private flatten(nodes: CategoryTreeNode[]): Category[] {
    return nodes.flatMap(({ children, ...category }) => [category, ...this.flatten(children)]);
  }
}
