import { kitErrors, problem } from '@mercato/kit';
import type { Bff } from '../bff/composition.ts';
import type { ProductSource } from '../bff/products.ts';
import type { SearchSort } from '../bff/search.ts';
import type { CheckoutBody, ListingQuery, ProductCard } from './schemas.ts';

/**
 * The mobile screens, each composed in one request from the shared composition layer: everything a
 * screen shows is asked for at once, so the loaders batch it (one price call, one stock call).
 */

const FEATURED = 8;
const SORTS: Record<ListingQuery['sort'], SearchSort> = { relevance: 'RELEVANCE', 'price-asc': 'PRICE_ASC', 'price-desc': 'PRICE_DESC', newest: 'NEWEST', name: 'NAME' };

async function card(bff: Bff, product: ProductSource): Promise<ProductCard> {
  const skus = await bff.products.skus(product);
  const [price, inStock] = await Promise.all([bff.products.cheapest(skus), bff.products.inStock(skus)]);
  return { id: product.id, handle: product.handle, name: product.name, image: product.image, price: price?.unit ?? null, inStock };
}

export async function homeScreen(bff: Bff) {
  const [tree, newest] = await Promise.all([bff.categories(), bff.search({ sort: 'NEWEST', first: FEATURED })]);
  return {
    categories: tree.map((c) => ({ id: c.id, name: c.name })),
    featured: await Promise.all(newest.items.map((p) => card(bff, p))),
  };
}

export async function listingScreen(bff: Bff, query: ListingQuery) {
  const page = await bff.search({ q: query.q, category: query.category, brands: query.brand, sort: SORTS[query.sort], first: query.limit, after: query.cursor });
  return { items: await Promise.all(page.items.map((p) => card(bff, p))), total: page.total, nextCursor: page.nextCursor, facets: page.facets };
}

export async function productScreen(bff: Bff, handle: string) {
  const product = await bff.product(handle);
  if (!product?.catalog) throw problem(kitErrors.notFound, `No product ${handle}`);
  const detail = product.catalog;
  const [brand, category, attributes, variants, headline] = await Promise.all([
    bff.products.brand(product),
    bff.products.category(product),
    bff.products.attributes(product),
    bff.products.variants(product),
    card(bff, product),
  ]);
  return {
    id: product.id,
    handle: product.handle,
    name: product.name,
    description: detail.description || null,
    brand: brand && { id: brand.id, name: brand.name },
    category: category && { id: category.id, name: category.name },
    images: detail.media.map((m) => m.url),
    attributes: attributes.map(({ label, value }) => ({ label, value })),
    price: headline.price,
    inStock: headline.inStock,
    variants: await Promise.all(
      variants.map(async (variant) => {
        const [price, stock] = await Promise.all([bff.products.price(variant.sku), bff.products.availability(variant.sku)]);
        return { ...variant, price: price?.unit ?? null, available: stock.available, inStock: stock.inStock };
      }),
    ),
  };
}

export async function cartScreen(bff: Bff, id: string) {
  const cart = await bff.cart(id);
  const lines = await Promise.all(
    cart.lines.map(async (line) => {
      const product = await bff.loaders.productsBySku.load(line.sku);
      return {
        sku: line.sku,
        name: product?.name ?? line.sku,
        variantName: product?.variants.find((v) => v.sku === line.sku)?.name ?? null,
        image: product?.media[0]?.url ?? null,
        quantity: line.quantity,
        unitPrice: line.unitPrice,
        lineTotal: line.lineTotal,
      };
    }),
  );
  const { token: _token, ...rest } = cart;
  return { ...rest, lines };
}

export async function checkoutScreen(bff: Bff, body: CheckoutBody, idempotencyKey: string) {
  const checkout = await bff.checkout(body, idempotencyKey);
  // A guest may not read the order itself; the checkout's id and the order id are enough to confirm.
  const order = checkout.orderId && bff.signedIn ? await bff.order(checkout.orderId).catch(() => null) : null;
  return {
    id: checkout.id,
    status: checkout.status,
    orderId: checkout.orderId,
    order: order && { id: order.id, number: order.number, status: order.status, total: order.totals.grandTotal },
  };
}

export async function ordersScreen(bff: Bff, limit: number) {
  const orders = await bff.myOrders(limit);
  return { items: orders.map((o) => ({ id: o.id, number: o.number, status: o.status, placedAt: o.placedAt, total: o.grandTotal, itemCount: o.itemCount })) };
}
