import { api } from './http.ts';
import type { Brand, Category } from './types.ts';

/** Categories and brands change rarely: read once per page load, shared by every page that names them. */
let categories: Promise<Category[]> | undefined;
let brands: Promise<Brand[]> | undefined;

export function loadCategories(): Promise<Category[]> {
  categories ??= api<{ items: Category[] }>('/api/catalog/categories').then(
    (page) => page.items,
    (error: unknown) => {
      categories = undefined;
      throw error;
    },
  );
  return categories;
}

export function loadBrands(): Promise<Brand[]> {
  brands ??= api<{ items: Brand[] }>('/api/catalog/brands').then(
    (page) => [...page.items].sort((a, b) => a.name.localeCompare(b.name)),
    (error: unknown) => {
      brands = undefined;
      throw error;
    },
  );
  return brands;
}

/** "Women › Tops" style label of a category (its path is the ids of its ancestors). */
export function categoryLabel(category: Category, all: Category[]): string {
  const byId = new Map(all.map((c) => [c.id, c.name]));
  const names = (category.path ?? []).filter((id) => id !== category.id).map((id) => byId.get(id) ?? '');
  return [...names.filter(Boolean), category.name].join(' › ');
}
