/**
 * A deterministic synthetic catalog for benchmarks: by default 250,000 products with 1–12 variants
 * each (≈ 1,000,000 SKUs), 512 categories in a 3-level tree, 2,000 brands with Zipf-skewed
 * popularity, and attribute definitions with skewed values. Products are generated lazily, one at a
 * time from their own seeded stream, so memory stays flat whatever the size.
 */
import type { AttributeRecord, CategoryRecord, ProductRecord, VariantRecord } from '../../services/catalog/src/import/records.ts';
import { mix, mulberry32, weighted, zipf } from './random.ts';
import { ADJECTIVES, BRAND_HEADS, BRAND_TAILS, CARE, COLORS, DEPARTMENTS, FEATURES, MATERIAL_LABELS, SIZES, USES, type Department } from './words.ts';

/** A product line of the import file (NDJSON shape). */
export type NdjsonProduct = ProductRecord;

export interface CatalogOptions {
  seed: number;
  /** Number of products (≈ 4 variants each on average). */
  products: number;
}

export interface GeneratedCategory extends CategoryRecord {
  /** Leaf categories carry products; `department` and `kind` tell what they sell. */
  leaf: boolean;
  department: number;
  kind: number;
  qualifier: number;
}

export interface GeneratedBrand {
  slug: string;
  name: string;
}

export interface GeneratedCatalog {
  seed: number;
  productCount: number;
  categories: GeneratedCategory[];
  brands: GeneratedBrand[];
  attributes: AttributeRecord[];
  /** The products, generated on demand (iterate as often as needed; same result each time). */
  products(): Iterable<NdjsonProduct>;
  /** The product at position `index` (0-based), without generating the others. */
  product(index: number): NdjsonProduct;
}

/** Variants per product: 1–12, skewed towards few, mean ≈ 4. */
const VARIANT_COUNT = weighted([23, 15, 12, 12, 10, 8, 6, 5, 4, 2, 2, 1]);

export function slugify(text: string): string {
  return text
    .toLowerCase()
    .normalize('NFKD')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function buildCategories(): GeneratedCategory[] {
  const categories: GeneratedCategory[] = [];
  DEPARTMENTS.forEach((department, d) => {
    const root = slugify(department.name);
    categories.push({ slug: root, name: department.name, parent: null, position: d, leaf: false, department: d, kind: -1, qualifier: -1 });
    department.kinds.forEach(([, plural], k) => {
      const kindSlug = `${root}-${slugify(plural)}`;
      categories.push({ slug: kindSlug, name: plural, parent: root, position: k, leaf: false, department: d, kind: k, qualifier: -1 });
      department.qualifiers.forEach((qualifier, q) => {
        categories.push({
          slug: `${kindSlug}-${slugify(qualifier)}`,
          name: `${qualifier} ${plural}`,
          parent: kindSlug,
          position: q,
          leaf: true,
          department: d,
          kind: k,
          qualifier: q,
        });
      });
    });
  });
  return categories;
}

function buildBrands(): GeneratedBrand[] {
  const brands: GeneratedBrand[] = [];
  const seen = new Set<string>();
  for (const head of BRAND_HEADS) {
    for (const tail of BRAND_TAILS) {
      const name = head + tail;
      let slug = slugify(name);
      if (seen.has(slug)) slug = `${slug}-${brands.length}`;
      seen.add(slug);
      brands.push({ slug, name });
    }
  }
  return brands;
}

const label = (en: string, de?: string): Record<string, string> => (de ? { en, de } : { en });

function buildAttributes(): AttributeRecord[] {
  return [
    {
      code: 'color',
      type: 'enum',
      label: label('Colour', 'Farbe'),
      scope: 'variant',
      options: COLORS.map(([code, en, de]) => ({ code, label: label(en, de) })),
      facetable: true,
      searchable: true,
    },
    {
      code: 'size',
      type: 'enum',
      label: label('Size', 'Größe'),
      scope: 'variant',
      options: SIZES.map((size) => ({ code: size.toLowerCase(), label: label(size) })),
      facetable: true,
      searchable: false,
    },
    {
      code: 'material',
      type: 'enum',
      label: label('Material', 'Material'),
      scope: 'product',
      options: Object.entries(MATERIAL_LABELS).map(([code, [en, de]]) => ({ code, label: label(en, de) })),
      facetable: true,
      searchable: true,
    },
    { code: 'weight', type: 'number', label: label('Weight', 'Gewicht'), scope: 'product', unit: 'kg', facetable: true, searchable: false },
    { code: 'waterproof', type: 'boolean', label: label('Waterproof', 'Wasserdicht'), scope: 'product', facetable: true, searchable: false },
    { code: 'care', type: 'text', label: label('Care', 'Pflege'), localized: true, scope: 'product', facetable: false, searchable: true },
  ];
}

/** Builds the catalog's fixed parts; products come lazily from `products()` / `product(i)`. */
export function generateCatalog(options: CatalogOptions): GeneratedCatalog {
  const { seed, products: productCount } = options;
  const setup = mulberry32(mix(seed, 0x5eed));
  const categories = buildCategories();
  const brands = buildBrands();
  const attributes = buildAttributes();
  const leaves = categories.filter((c) => c.leaf);
  const pickLeaf = zipf(leaves.length, 0.7, setup);
  const pickBrand = zipf(brands.length, 0.9, setup);
  const pickColor = zipf(COLORS.length, 1.1); // unshuffled: black and white stay the most common
  const pickAdjective = zipf(ADJECTIVES.length, 0.6, setup);

  const product = (index: number): NdjsonProduct => {
    const rand = mulberry32(mix(seed, index));
    const pick = <T>(items: readonly T[]): T => items[Math.floor(rand() * items.length)]!;
    const leaf = leaves[pickLeaf(rand())]!;
    const department: Department = DEPARTMENTS[leaf.department]!;
    const [kind] = department.kinds[leaf.kind]!;
    const qualifier = department.qualifiers[leaf.qualifier]!;
    const brand = brands[pickBrand(rand())]!;
    // Materials: the department's first materials are the common ones.
    const material = department.materials[Math.floor(Math.pow(rand(), 1.8) * department.materials.length)]!;
    const adjective = ADJECTIVES[pickAdjective(rand())]!;
    const materialName = MATERIAL_LABELS[material]![0];
    const name = rand() < 0.5 ? `${brand.name} ${adjective} ${qualifier} ${kind}` : `${brand.name} ${materialName} ${qualifier} ${kind}`;
    const handle = `${slugify(name)}-${index.toString(36)}`;
    const description =
      `The ${name} is a ${adjective.toLowerCase()} ${kind.toLowerCase()} in ${materialName.toLowerCase()}, made for ${pick(USES)}. ` +
      `${pick(FEATURES)} ${pick(FEATURES)}`;

    const attributes: NonNullable<ProductRecord['attributes']> = { material };
    if (rand() < 0.7) attributes.weight = Math.round(department.grams * (0.5 + rand())) / 1000;
    if (rand() < 0.5) attributes.waterproof = rand() < 0.35;
    if (rand() < 0.4) {
      const [en, de] = pick(CARE);
      attributes.care = { en, de };
    }

    const count = VARIANT_COUNT(rand()) + 1;
    const sizes = department.sizes;
    const colorCount = Math.max(Math.ceil(count / sizes.length), Math.min(count, 1 + Math.floor(rand() * 3)));
    const colors: Array<(typeof COLORS)[number]> = [];
    while (colors.length < colorCount) {
      const color = COLORS[pickColor(rand())]!;
      if (!colors.includes(color)) colors.push(color);
    }
    const sizeCount = Math.ceil(count / colorCount);
    const firstSize = Math.floor(rand() * (sizes.length - sizeCount + 1));
    const variants: VariantRecord[] = [];
    for (let v = 0; v < count; v++) {
      const [colorCode, colorName] = colors[v % colorCount]!;
      const size = sizes[firstSize + Math.floor(v / colorCount)]!;
      variants.push({
        sku: `${department.name.slice(0, 3).toUpperCase()}-${index.toString().padStart(7, '0')}-${colorCode.toUpperCase()}-${size}`,
        name: `${name} ${colorName} ${size}`,
        options: { color: colorName, size },
        attributes: { color: colorCode, size: size.toLowerCase() },
        weightGrams: Math.round(department.grams * (0.8 + 0.05 * (firstSize + Math.floor(v / colorCount)))),
      });
    }

    const mediaCount = 1 + Math.floor(rand() * 3);
    const channelRoll = rand();
    return {
      handle,
      name,
      description,
      status: rand() < 0.92 ? 'published' : 'draft',
      category: leaf.slug,
      brand: brand.slug,
      brandName: brand.name,
      channels: channelRoll < 0.8 ? ['web', 'mobile'] : channelRoll < 0.95 ? ['web'] : ['mobile'],
      media: Array.from({ length: mediaCount }, (_, m) => ({ url: `https://img.mercato.dev/p/${handle}/${m + 1}.jpg`, alt: m === 0 ? name : `${name}, view ${m + 1}` })),
      attributes,
      variants,
    };
  };

  return {
    seed,
    productCount,
    categories,
    brands,
    attributes,
    product,
    *products() {
      for (let i = 0; i < productCount; i++) yield product(i);
    },
  };
}
