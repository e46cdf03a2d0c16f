import { newId } from '@mercato/kit';
import { productUpserted } from '@mercato/contracts';
import type { Insertable } from 'kysely';
import { listProducts, productState, type CatalogContext } from '../store/products.store.ts';
import type { CatalogTables } from '../store/tables.ts';

/** A small deterministic PRNG (mulberry32), so the demo shop is the same on every machine. */
function random(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const CATEGORIES: Array<{ slug: string; name: string; nouns: string[]; options: Record<string, string[]> }> = [
  { slug: 'apparel', name: 'Apparel', nouns: ['T-Shirt', 'Hoodie', 'Jacket', 'Sweater', 'Shirt'], options: { size: ['S', 'M', 'L', 'XL'] } },
  { slug: 'footwear', name: 'Footwear', nouns: ['Sneaker', 'Boot', 'Sandal', 'Loafer'], options: { size: ['40', '41', '42', '43', '44'] } },
  { slug: 'home-kitchen', name: 'Home & Kitchen', nouns: ['Mug', 'Kettle', 'Chef Knife', 'Cutting Board', 'Teapot'], options: { color: ['White', 'Black', 'Sage'] } },
  { slug: 'electronics', name: 'Electronics', nouns: ['Headphones', 'Speaker', 'Charger', 'Keyboard', 'Lamp'], options: { color: ['Graphite', 'Silver'] } },
  { slug: 'books', name: 'Books', nouns: ['Cookbook', 'Field Guide', 'Novel', 'Atlas'], options: { format: ['Hardcover', 'Paperback', 'Ebook'] } },
  { slug: 'outdoor', name: 'Outdoor', nouns: ['Backpack', 'Tent', 'Water Bottle', 'Headlamp'], options: { color: ['Forest', 'Sand', 'Slate'] } },
  { slug: 'beauty', name: 'Beauty', nouns: ['Face Cream', 'Soap Bar', 'Shampoo', 'Lip Balm'], options: { size: ['50 ml', '100 ml'] } },
  { slug: 'toys', name: 'Toys', nouns: ['Puzzle', 'Building Set', 'Plush Bear', 'Kite'], options: { edition: ['Classic', 'Deluxe'] } },
];
const ADJECTIVES = ['Everyday', 'Classic', 'Nordic', 'Trail', 'Urban', 'Heritage', 'Studio', 'Coastal', 'Alpine', 'Essential', 'Modern', 'Vintage'];
const MATERIALS = ['Cotton', 'Linen', 'Oak', 'Ceramic', 'Steel', 'Wool', 'Bamboo', 'Canvas', 'Leather', 'Recycled'];

/** Demo products to create. */
export const DEMO_PRODUCT_COUNT = 200;

/** Seeds the demo shop: 8 categories and 200 published products with variants. */
export async function seedDemoCatalog(ctx: CatalogContext): Promise<string> {
  const rand = random(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const categories = CATEGORIES.map((c) => ({ ...c, id: newId('cat') }));
  const products: Array<Insertable<CatalogTables['products']>> = [];
  const variants: Array<Insertable<CatalogTables['variants']>> = [];
  const handles = new Set<string>();
  for (let i = 0; products.length < DEMO_PRODUCT_COUNT; i++) {
    const category = categories[i % categories.length]!;
    const name = `${pick(ADJECTIVES)} ${pick(MATERIALS)} ${pick(category.nouns)}`;
    const handle = `${name.toLowerCase().replace(/[^a-z0-9]+/g, '-')}-${i + 1}`;
    if (handles.has(handle)) continue;
    handles.add(handle);
    const id = newId('prod');
    products.push({
      id,
      handle,
      name,
      description: `${name}: a demo product in ${category.name}. Made to last, easy to love.`,
      status: 'published',
      category_id: category.id,
    });
    const [option, values] = Object.entries(category.options)[0]!;
    values.forEach((value, position) =>
      variants.push({
        id: newId('var'),
        product_id: id,
        sku: `DEMO-${String(i + 1).padStart(4, '0')}-${value.replace(/[^A-Za-z0-9]/g, '').toUpperCase()}`,
        name: `${name} — ${value}`,
        options: JSON.stringify({ [option]: value }),
        position,
      }),
    );
  }
  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('categories').values(categories.map(({ id, slug, name }) => ({ id, slug, name, parent_id: null }))).execute();
    await tx.insertInto('products').values(products).execute();
    await tx.insertInto('variants').values(variants).execute();
    for (const product of await listProducts(tx, { limit: DEMO_PRODUCT_COUNT, statuses: ['published'] }).then((page) => page.items)) {
      await ctx.events.publish(tx, { type: productUpserted.type, subject: product.id, data: productState(product) });
    }
  });
  return `Demo catalog: ${products.length} products, ${variants.length} SKUs in ${categories.length} categories.`;
}
