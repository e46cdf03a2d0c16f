import type { IResolvers } from 'mercurius';
import { ProblemError } from '@mercato/kit';
import type { Bff, CheckoutInput } from '../bff/composition.ts';
import type { CategorySource, ProductSource } from '../bff/products.ts';
import type { SearchArgs } from '../bff/search.ts';
import type { CartView, CheckoutView, OrderSummaryView, OrderView } from '../bff/views.ts';

declare module 'mercurius' {
  /** What every resolver gets: the request's composition layer (its loaders included). */
  interface MercuriusContext {
    bff: Bff;
  }
}

/** Null instead of an error when the thing is not there or not the viewer's to see. */
async function orNull<T>(read: Promise<T>): Promise<T | null> {
  try {
    return await read;
  } catch (error) {
    if (error instanceof ProblemError && [401, 403, 404].includes(error.status)) return null;
    throw error;
  }
}

/** An order from a list has only its summary: the rest is loaded (batched) when asked for. */
const fullOrder = (order: OrderView | OrderSummaryView, bff: Bff): Promise<OrderView> | OrderView =>
  'lines' in order ? order : bff.order(order.id);

// Sources differ per type (search hits, catalog records, views): each resolver names its own.
export const resolvers: IResolvers = {
  Query: {
    viewer: () => ({}),
    search: (_root, args: SearchArgs, { bff }) => bff.search(args),
    suggest: (_root, args: { q: string; first: number }, { bff }) => bff.suggest(args.q, args.first),
    product: (_root, args: { handle: string }, { bff }) => bff.product(args.handle),
    categories: (_root, _args, { bff }) => bff.categories(),
    cart: (_root, args: { id: string }, { bff }) => orNull(bff.cart(args.id)),
    shippingMethods: (_root, args: { country: string }, { bff }) => bff.shippingMethods(args.country),
    order: (_root, args: { id: string }, { bff }) => orNull(bff.order(args.id)),
    checkout: (_root, args: { id: string }, { bff }) => orNull(bff.checkoutById(args.id)),
  },
  Mutation: {
    createCart: (_root, args: { currency: string }, { bff }) => bff.createCart(args.currency),
    addToCart: (_root, a: { cartId: string; sku: string; quantity: number }, { bff }) => bff.addToCart(a.cartId, a.sku, a.quantity),
    updateCartLine: (_root, a: { cartId: string; sku: string; quantity: number }, { bff }) => bff.updateCartLine(a.cartId, a.sku, a.quantity),
    removeCartLine: (_root, a: { cartId: string; sku: string }, { bff }) => bff.removeCartLine(a.cartId, a.sku),
    setShipping: (_root, a: { cartId: string; country: string; method: string }, { bff }) => bff.setShipping(a.cartId, a.country, a.method),
    applyCoupon: (_root, a: { cartId: string; code: string }, { bff }) => bff.applyCoupon(a.cartId, a.code),
    removeCoupon: (_root, a: { cartId: string; code: string }, { bff }) => bff.removeCoupon(a.cartId, a.code),
    mergeCart: (_root, a: { guestCartId: string }, { bff }) => bff.mergeCart(a.guestCartId),
    checkout: (_root, a: { input: CheckoutInput; idempotencyKey: string }, { bff }) => bff.checkout(a.input, a.idempotencyKey),
  },
  Viewer: {
    account: (_v, _args, { bff }) => bff.account(),
    cart: (_v, _args, { bff }) => bff.myCart(),
    orders: (_v, args: { first: number }, { bff }) => bff.myOrders(args.first),
    addresses: (_v, _args, { bff }) => bff.addresses(),
  },
  Product: {
    description: async (p: ProductSource, _args, { bff }) => (await bff.products.detail(p))?.description || null,
    brand: (p: ProductSource, _args, { bff }) => bff.products.brand(p),
    category: (p: ProductSource, _args, { bff }) => bff.products.category(p),
    image: async (p: ProductSource, _args, { bff }) => p.image ?? (await bff.products.detail(p))?.media[0]?.url ?? null,
    images: async (p: ProductSource, _args, { bff }) => (await bff.products.detail(p))?.media.map((m) => m.url) ?? [],
    attributes: (p: ProductSource, _args, { bff }) => bff.products.attributes(p),
    variants: (p: ProductSource, _args, { bff }) => bff.products.variants(p),
    price: async (p: ProductSource, _args, { bff }) => bff.products.cheapest(await bff.products.skus(p)),
    inStock: async (p: ProductSource, _args, { bff }) => bff.products.inStock(await bff.products.skus(p)),
  },
  Variant: {
    price: (v: { sku: string }, _args, { bff }) => bff.products.price(v.sku),
    availability: (v: { sku: string }, _args, { bff }) => bff.products.availability(v.sku),
  },
  Category: {
    parentId: async (c: CategorySource, _args, { bff }) => (c.parentId !== undefined ? c.parentId : ((await bff.products.categoryById(c.id))?.parentId ?? null)),
    children: (c: CategorySource, _args, { bff }) => bff.products.children(c),
  },
  CartLine: {
    product: (line: CartView['lines'][number], _args, { bff }) => bff.productOfSku(line.sku),
    variantName: async (line: CartView['lines'][number], _args, { bff }) => {
      const product = await bff.loaders.productsBySku.load(line.sku);
      return product?.variants.find((v) => v.sku === line.sku)?.name ?? null;
    },
  },
  Order: {
    email: async (o: OrderView | OrderSummaryView, _args, { bff }) => (await fullOrder(o, bff)).email,
    lines: async (o: OrderView | OrderSummaryView, _args, { bff }) => (await fullOrder(o, bff)).lines,
    totals: async (o: OrderView | OrderSummaryView, _args, { bff }) => (await fullOrder(o, bff)).totals,
    shippingAddress: async (o: OrderView | OrderSummaryView, _args, { bff }) => (await fullOrder(o, bff)).shippingAddress,
    shipment: async (o: OrderView | OrderSummaryView, _args, { bff }) => (await fullOrder(o, bff)).shipment,
    itemCount: async (o: OrderView | OrderSummaryView, _args, { bff }) =>
      'itemCount' in o ? o.itemCount : (await fullOrder(o, bff)).lines.reduce((sum, line) => sum + line.quantity, 0),
  },
  Checkout: {
    // A guest checks out without an account: the order itself is for its owner (or staff) to read.
    order: (c: CheckoutView, _args, { bff }) => (c.orderId ? orNull(bff.order(c.orderId)) : null),
  },
};
