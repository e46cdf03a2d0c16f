/** Word lists of the synthetic catalog: departments, product nouns, materials, colours, sizes, brands. */

/** One top-level department: its product kinds (level 2) and the qualifiers that split them (level 3). */
export interface Department {
  name: string;
  kinds: Array<[singular: string, plural: string]>;
  qualifiers: string[];
  sizes: readonly string[];
  materials: readonly string[];
  /** Typical shipping weight of one item, grams. */
  grams: number;
}

const APPAREL_SIZES = ['XXS', 'XS', 'S', 'M', 'L', 'XL', 'XXL', '3XL'] as const;
const SHOE_SIZES = ['36', '37', '38', '39', '40', '41', '42', '43', '44', '45', '46', '47'] as const;
const GOODS_SIZES = ['S', 'M', 'L'] as const;

export const DEPARTMENTS: Department[] = [
  {
    name: 'Clothing',
    kinds: [['Jacket', 'Jackets'], ['Hoodie', 'Hoodies'], ['T-Shirt', 'T-Shirts'], ['Sweater', 'Sweaters'], ['Shirt', 'Shirts'], ['Trousers', 'Trousers'], ['Dress', 'Dresses']],
    qualifiers: ['Running', 'Casual', 'Outdoor', 'Formal', 'Lightweight', 'Winter', 'Summer', 'Kids'],
    sizes: APPAREL_SIZES,
    materials: ['cotton', 'merino', 'wool', 'linen', 'polyester', 'nylon', 'recycled-polyester', 'hemp'],
    grams: 400,
  },
  {
    name: 'Footwear',
    kinds: [['Sneaker', 'Sneakers'], ['Boot', 'Boots'], ['Sandal', 'Sandals'], ['Loafer', 'Loafers'], ['Slipper', 'Slippers'], ['Trail Shoe', 'Trail Shoes'], ['Clog', 'Clogs']],
    qualifiers: ['Running', 'Hiking', 'Casual', 'Waterproof', 'Everyday', 'Kids', 'Winter', 'Summer'],
    sizes: SHOE_SIZES,
    materials: ['leather', 'suede', 'canvas', 'rubber', 'nylon', 'recycled-polyester'],
    grams: 900,
  },
  {
    name: 'Home',
    kinds: [['Lamp', 'Lamps'], ['Cushion', 'Cushions'], ['Blanket', 'Blankets'], ['Rug', 'Rugs'], ['Vase', 'Vases'], ['Mirror', 'Mirrors'], ['Curtain', 'Curtains']],
    qualifiers: ['Living Room', 'Bedroom', 'Outdoor', 'Nursery', 'Modern', 'Rustic', 'Minimalist', 'Vintage'],
    sizes: GOODS_SIZES,
    materials: ['cotton', 'wool', 'linen', 'oak', 'glass', 'ceramic', 'bamboo', 'jute'],
    grams: 1500,
  },
  {
    name: 'Kitchen',
    kinds: [['Mug', 'Mugs'], ['Kettle', 'Kettles'], ['Knife', 'Knives'], ['Pan', 'Pans'], ['Teapot', 'Teapots'], ['Cutting Board', 'Cutting Boards'], ['Bowl', 'Bowls']],
    qualifiers: ['Chef', 'Camping', 'Everyday', 'Professional', 'Compact', 'Induction', 'Breakfast', 'Family'],
    sizes: GOODS_SIZES,
    materials: ['steel', 'ceramic', 'cast-iron', 'glass', 'oak', 'bamboo', 'silicone', 'copper'],
    grams: 700,
  },
  {
    name: 'Electronics',
    kinds: [['Headphones', 'Headphones'], ['Speaker', 'Speakers'], ['Charger', 'Chargers'], ['Keyboard', 'Keyboards'], ['Mouse', 'Mice'], ['Webcam', 'Webcams'], ['Monitor', 'Monitors']],
    qualifiers: ['Wireless', 'Gaming', 'Portable', 'Studio', 'Office', 'Bluetooth', 'Travel', 'Smart'],
    sizes: GOODS_SIZES,
    materials: ['aluminium', 'plastic', 'recycled-plastic', 'steel', 'glass'],
    grams: 600,
  },
  {
    name: 'Outdoor',
    kinds: [['Backpack', 'Backpacks'], ['Tent', 'Tents'], ['Sleeping Bag', 'Sleeping Bags'], ['Water Bottle', 'Water Bottles'], ['Headlamp', 'Headlamps'], ['Trekking Pole', 'Trekking Poles'], ['Camping Chair', 'Camping Chairs']],
    qualifiers: ['Ultralight', 'Expedition', 'Family', 'Summer', 'Winter', 'Alpine', 'Trail', 'Weekend'],
    sizes: GOODS_SIZES,
    materials: ['nylon', 'polyester', 'aluminium', 'steel', 'down', 'recycled-polyester'],
    grams: 1200,
  },
  {
    name: 'Sports',
    kinds: [['Yoga Mat', 'Yoga Mats'], ['Dumbbell', 'Dumbbells'], ['Football', 'Footballs'], ['Tennis Racket', 'Tennis Rackets'], ['Cycling Helmet', 'Cycling Helmets'], ['Swimsuit', 'Swimsuits'], ['Jump Rope', 'Jump Ropes']],
    qualifiers: ['Training', 'Competition', 'Junior', 'Pro', 'Indoor', 'Outdoor', 'Beginner', 'Performance'],
    sizes: APPAREL_SIZES,
    materials: ['rubber', 'polyester', 'nylon', 'steel', 'cork', 'plastic'],
    grams: 800,
  },
  {
    name: 'Beauty',
    kinds: [['Face Cream', 'Face Creams'], ['Shampoo', 'Shampoos'], ['Soap Bar', 'Soap Bars'], ['Lip Balm', 'Lip Balms'], ['Perfume', 'Perfumes'], ['Body Lotion', 'Body Lotions'], ['Hair Oil', 'Hair Oils']],
    qualifiers: ['Organic', 'Sensitive', 'Daily', 'Night', 'Travel', 'Hydrating', 'Men', 'Natural'],
    sizes: GOODS_SIZES,
    materials: ['glass', 'plastic', 'recycled-plastic', 'aluminium', 'bamboo'],
    grams: 250,
  },
];

/** Every size code any department uses, in display order. */
export const SIZES: readonly string[] = [...new Set(DEPARTMENTS.flatMap((d) => d.sizes))];

/** Colours, most popular first (sampled with a skew). */
export const COLORS: Array<[code: string, en: string, de: string]> = [
  ['black', 'Black', 'Schwarz'], ['white', 'White', 'Weiß'], ['navy', 'Navy', 'Marineblau'], ['grey', 'Grey', 'Grau'],
  ['blue', 'Blue', 'Blau'], ['red', 'Red', 'Rot'], ['green', 'Green', 'Grün'], ['beige', 'Beige', 'Beige'],
  ['brown', 'Brown', 'Braun'], ['olive', 'Olive', 'Oliv'], ['pink', 'Pink', 'Rosa'], ['yellow', 'Yellow', 'Gelb'],
  ['orange', 'Orange', 'Orange'], ['purple', 'Purple', 'Lila'], ['teal', 'Teal', 'Petrol'], ['sand', 'Sand', 'Sand'],
];

export const MATERIAL_LABELS: Record<string, [en: string, de: string]> = {
  cotton: ['Cotton', 'Baumwolle'], merino: ['Merino', 'Merino'], wool: ['Wool', 'Wolle'], linen: ['Linen', 'Leinen'],
  polyester: ['Polyester', 'Polyester'], nylon: ['Nylon', 'Nylon'], 'recycled-polyester': ['Recycled polyester', 'Recyceltes Polyester'],
  hemp: ['Hemp', 'Hanf'], leather: ['Leather', 'Leder'], suede: ['Suede', 'Wildleder'], canvas: ['Canvas', 'Segeltuch'],
  rubber: ['Rubber', 'Gummi'], oak: ['Oak', 'Eiche'], glass: ['Glass', 'Glas'], ceramic: ['Ceramic', 'Keramik'],
  bamboo: ['Bamboo', 'Bambus'], jute: ['Jute', 'Jute'], steel: ['Stainless steel', 'Edelstahl'], 'cast-iron': ['Cast iron', 'Gusseisen'],
  silicone: ['Silicone', 'Silikon'], copper: ['Copper', 'Kupfer'], aluminium: ['Aluminium', 'Aluminium'], plastic: ['Plastic', 'Kunststoff'],
  'recycled-plastic': ['Recycled plastic', 'Recycelter Kunststoff'], down: ['Down', 'Daune'], cork: ['Cork', 'Kork'],
};

export const ADJECTIVES = [
  'Classic', 'Everyday', 'Nordic', 'Urban', 'Heritage', 'Studio', 'Coastal', 'Alpine', 'Essential', 'Modern', 'Vintage', 'Compact',
  'Soft', 'Rugged', 'Slim', 'Relaxed', 'Premium', 'Light', 'Warm', 'Breathable', 'Durable', 'Cozy', 'Sleek', 'Bold',
];

export const USES = [
  'daily use', 'long weekends', 'city commutes', 'mountain trips', 'quiet evenings at home', 'the office', 'travel',
  'cold mornings', 'summer afternoons', 'active days', 'family dinners', 'rainy days', 'gifting', 'the gym',
];

export const FEATURES = [
  'Reinforced seams keep it in shape for years.', 'It packs down small and weighs next to nothing.',
  'A clean design that goes with everything.', 'Made in small batches by a family workshop.',
  'Easy to clean and built to last.', 'Tested in the field by our product team.', 'Backed by a two-year guarantee.',
  'Designed for comfort from the first use.', 'Responsibly sourced materials throughout.', 'A favourite of our customers for years.',
];

export const CARE: Array<[en: string, de: string]> = [
  ['Machine wash at 30°C', 'Maschinenwäsche bei 30°C'], ['Hand wash only', 'Nur Handwäsche'], ['Wipe clean with a damp cloth', 'Mit feuchtem Tuch abwischen'],
  ['Dishwasher safe', 'Spülmaschinenfest'], ['Do not tumble dry', 'Nicht im Trockner trocknen'], ['Store in a dry place', 'Trocken lagern'],
];

/** Brand name parts: 40 × 50 = 2,000 brands. */
export const BRAND_HEADS = [
  'Nord', 'Alp', 'Sun', 'River', 'Stone', 'Oak', 'Iron', 'Blue', 'Red', 'Wild', 'North', 'Silver', 'Green', 'Fox', 'Bear', 'Wolf', 'Moss',
  'Cedar', 'Pine', 'Hawk', 'Salt', 'Frost', 'Ember', 'Cloud', 'Sky', 'Lake', 'Field', 'Birch', 'Amber', 'Coral', 'Dune', 'Echo', 'Flint',
  'Glen', 'Harbor', 'Ivy', 'Juniper', 'Kite', 'Lumen', 'Maple',
];
export const BRAND_TAILS = [
  'wind', 'ine', 'peak', 'works', 'craft', 'line', 'field', 'wood', 'stone', 'gear', 'haus', 'co', 'lab', 'made', 'form', 'ware', 'mark',
  'point', 'ridge', 'vale', 'brook', 'light', 'wave', 'fold', 'loom', 'forge', 'trail', 'path', 'gate', 'yard', 'well', 'bay', 'crest',
  'dale', 'fjord', 'grove', 'hill', 'isle', 'key', 'land', 'moor', 'nest', 'ora', 'port', 'quay', 'rock', 'sound', 'tide', 'view', 'zen',
];
