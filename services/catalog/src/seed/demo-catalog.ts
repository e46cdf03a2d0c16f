import { attributeUpserted, brandUpserted, categoryUpserted, productUpserted } from '@mercato/contracts';
import { newId } from '@mercato/kit';
import type { Insertable } from 'kysely';
import { listAttributes } from '../store/attributes.store.ts';
import { listBrands } from '../store/brands.store.ts';
import { listCategories } from '../store/categories.store.ts';
import { listProducts, type CatalogContext } from '../store/products.store.ts';
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

const label = (en: string) => ({ en });
const options = (codes: Record<string, string>) => Object.entries(codes).map(([code, en]) => ({ code, label: label(en) }));

/** Facetable enum attributes: colour and size tell variants apart, material describes the product. */
const ATTRIBUTES: Array<Insertable<CatalogTables['attribute_definitions']>> = [
  {
    code: 'color',
    type: 'enum',
    label: JSON.stringify({ en: 'Colour', de: 'Farbe' }),
    scope: 'variant',
    facetable: true,
    options: JSON.stringify(
      options({ white: 'White', black: 'Black', navy: 'Navy', sage: 'Sage', graphite: 'Graphite', forest: 'Forest', sand: 'Sand', slate: 'Slate', red: 'Red' }),
    ),
  },
  {
    code: 'size',
    type: 'enum',
    label: JSON.stringify({ en: 'Size', de: 'Größe' }),
    scope: 'variant',
    facetable: true,
    options: JSON.stringify(options({ s: 'S', m: 'M', l: 'L', xl: 'XL', '40': '40', '41': '41', '42': '42', '43': '43', '44': '44' })),
  },
  {
    code: 'material',
    type: 'enum',
    label: JSON.stringify({ en: 'Material', de: 'Material' }),
    scope: 'product',
    facetable: true,
    searchable: true,
    options: JSON.stringify(
      options({ cotton: 'Cotton', linen: 'Linen', wool: 'Wool', leather: 'Leather', canvas: 'Canvas', ceramic: 'Ceramic', steel: 'Steel', oak: 'Oak', bamboo: 'Bamboo', recycled: 'Recycled' }),
    ),
  },
];

const MATERIAL_NAMES: Record<string, string> = { cotton: 'Cotton', linen: 'Linen', wool: 'Wool', leather: 'Leather', canvas: 'Canvas', ceramic: 'Ceramic', steel: 'Steel', oak: 'Oak', bamboo: 'Bamboo', recycled: 'Recycled' };

/** Which variant attribute tells a leaf category's variants apart, and its values. */
type Axis = { attribute: 'size' | 'color'; values: string[] };
const APPAREL_SIZES: Axis = { attribute: 'size', values: ['s', 'm', 'l', 'xl'] };
const SHOE_SIZES: Axis = { attribute: 'size', values: ['40', '41', '42', '43', '44'] };
const colors = (...values: string[]): Axis => ({ attribute: 'color', values });

/** A two-level tree: products live in the leaves. */
const TREE: Array<{ slug: string; name: string; leaves: Array<{ slug: string; name: string; nouns: string[]; materials: string[]; axis: Axis; grams: number }> }> = [
  {
    slug: 'apparel',
    name: 'Apparel',
    leaves: [
      { slug: 'tops', name: 'Tops', nouns: ['T-Shirt', 'Shirt', 'Polo'], materials: ['cotton', 'linen', 'recycled'], axis: APPAREL_SIZES, grams: 200 },
      { slug: 'outerwear', name: 'Outerwear', nouns: ['Hoodie', 'Jacket', 'Sweater'], materials: ['wool', 'cotton', 'recycled'], axis: APPAREL_SIZES, grams: 650 },
    ],
  },
  {
    slug: 'footwear',
    name: 'Footwear',
    leaves: [
      { slug: 'sneakers', name: 'Sneakers', nouns: ['Sneaker', 'Runner', 'Loafer'], materials: ['leather', 'canvas', 'recycled'], axis: SHOE_SIZES, grams: 800 },
      { slug: 'boots', name: 'Boots', nouns: ['Boot', 'Chelsea Boot', 'Hiking Boot'], materials: ['leather', 'wool'], axis: SHOE_SIZES, grams: 1200 },
    ],
  },
  {
    slug: 'home-kitchen',
    name: 'Home & Kitchen',
    leaves: [
      { slug: 'kitchenware', name: 'Kitchenware', nouns: ['Mug', 'Kettle', 'Teapot', 'Cutting Board'], materials: ['ceramic', 'steel', 'oak', 'bamboo'], axis: colors('white', 'black', 'sage'), grams: 900 },
      { slug: 'decor', name: 'Decor', nouns: ['Lamp', 'Vase', 'Candle Holder'], materials: ['ceramic', 'oak', 'steel'], axis: colors('white', 'graphite', 'sand'), grams: 1100 },
    ],
  },
  {
    slug: 'outdoor',
    name: 'Outdoor',
    leaves: [
      { slug: 'camping', name: 'Camping', nouns: ['Tent', 'Headlamp', 'Camp Stool'], materials: ['canvas', 'steel', 'recycled'], axis: colors('forest', 'sand', 'slate'), grams: 1500 },
      { slug: 'bags', name: 'Bags', nouns: ['Backpack', 'Duffel', 'Water Bottle'], materials: ['canvas', 'recycled', 'steel'], axis: colors('navy', 'red', 'forest'), grams: 700 },
    ],
  },
];

const BRANDS = ['Northwind', 'Fjord & Co', 'Alder', 'Kestrel', 'Lumen', 'Terra', 'Pebble', 'Brightside'];
const ADJECTIVES = ['Everyday', 'Classic', 'Nordic', 'Trail', 'Urban', 'Heritage', 'Studio', 'Coastal', 'Alpine', 'Essential', 'Modern', 'Vintage'];
const APPAREL_COLORS = ['white', 'black', 'navy', 'sage', 'red'];

/** Demo products to create. */
export const DEMO_PRODUCT_COUNT = 200;

const slugOf = (name: string) => name.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-|-$/g, '');

/**
 * Seeds the demo shop: facetable attributes (color, size, material), brands, a two-level category
 * tree and 200 published products with typed variants; every one of them is published as an event.
 */
export async function seedDemoCatalog(ctx: CatalogContext): Promise<string> {
  const rand = random(20261123);
  const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
  const brands = BRANDS.map((name) => ({ id: newId('brand'), slug: slugOf(name), name }));
  const categories: Array<Insertable<CatalogTables['categories']>> = [];
  const leaves: Array<(typeof TREE)[number]['leaves'][number] & { id: string }> = [];
  TREE.forEach((top, position) => {
    const id = newId('cat');
    categories.push({ id, slug: top.slug, name: top.name, parent_id: null, position });
    top.leaves.forEach((leaf, leafPosition) => {
      leaves.push({ ...leaf, id: newId('cat') });
      categories.push({ id: leaves.at(-1)!.id, slug: leaf.slug, name: leaf.name, parent_id: id, position: leafPosition });
    });
  });

  const products: Array<Insertable<CatalogTables['products']>> = [];
  const variants: Array<Insertable<CatalogTables['variants']>> = [];
  const handles = new Set<string>();
  for (let i = 0; products.length < DEMO_PRODUCT_COUNT; i++) {
    const leaf = leaves[i % leaves.length]!;
    const material = pick(leaf.materials);
    const name = `${pick(ADJECTIVES)} ${MATERIAL_NAMES[material]} ${pick(leaf.nouns)}`;
    const handle = `${slugOf(name)}-${i + 1}`;
    if (handles.has(handle)) continue;
    handles.add(handle);
    const id = newId('prod');
    const roll = rand();
    products.push({
      id,
      handle,
      name,
      description: `${name}: a demo product in ${leaf.name}. Made to last, easy to love.`,
      status: 'published',
      category_id: leaf.id,
      brand_id: pick(brands).id,
      // Most products are everywhere; a few only on one channel, to show the channel filter.
      channels: roll < 0.85 ? ['web', 'mobile'] : roll < 0.95 ? ['web'] : ['mobile'],
      attributes: JSON.stringify({ material }),
      media: JSON.stringify([{ url: `https://img.example.com/demo/${handle}.jpg`, alt: name }]),
    });
    // Sized products come in one colour; coloured products in one size.
    const fixed = leaf.axis.attribute === 'size' ? { color: pick(APPAREL_COLORS) } : {};
    leaf.axis.values.forEach((value, position) => {
      const display = leaf.axis.attribute === 'size' ? value.toUpperCase() : value[0]!.toUpperCase() + value.slice(1);
      variants.push({
        id: newId('var'),
        product_id: id,
        sku: `DEMO-${String(i + 1).padStart(4, '0')}-${value.toUpperCase()}`,
        name: `${name} — ${display}`,
        options: JSON.stringify({ [leaf.axis.attribute]: display }),
        attributes: JSON.stringify({ ...fixed, [leaf.axis.attribute]: value }),
        weight_grams: Math.round(leaf.grams * (0.8 + rand() * 0.4)),
        position,
      });
    });
  }

  await ctx.db.transaction().execute(async (tx) => {
    await tx.insertInto('attribute_definitions').values(ATTRIBUTES).execute();
    await tx.insertInto('brands').values(brands).execute();
    await tx.insertInto('categories').values(categories).execute();
    await tx.insertInto('products').values(products).execute();
    await tx.insertInto('variants').values(variants).execute();
    const publish = (type: string, subject: string, data: unknown) => ctx.events.publish(tx, { type, subject, data });
    for (const definition of await listAttributes(tx)) await publish(attributeUpserted.type, definition.code, definition);
    for (const brand of await listBrands(tx)) await publish(brandUpserted.type, brand.id, brand);
    for (const category of await listCategories(tx)) await publish(categoryUpserted.type, category.id, category);
    const { items } = await listProducts(tx, { limit: DEMO_PRODUCT_COUNT, statuses: ['published'] });
    for (const product of items) await publish(productUpserted.type, product.id, product);
  });
  return `Demo catalog: ${products.length} products, ${variants.length} SKUs in ${leaves.length} categories of ${TREE.length} departments, ${brands.length} brands.`;
}
