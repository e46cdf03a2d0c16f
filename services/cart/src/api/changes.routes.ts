import { expectedVersion, etag, fieldProblem, problem, type Principal, type ServiceApp } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import type { Cart } from '../domain/cart.ts';
import { MAX_COUPONS } from '../domain/limits.ts';
import { addLine, removeLine, setQuantity } from '../domain/lines.ts';
import { normalizeCoupon } from '../domain/coupons.ts';
import { cartErrors } from '../errors.ts';
import type { CartContext } from '../store/context.ts';
import { changeCart, type Edited } from '../usecases/change-cart.ts';
import { AddLineInput, CartHeaders, CartParams, CartView, CouponInput, CouponParams, LineParams, SetQuantityInput, Shipping } from './schemas.ts';
import { cartView } from './view.ts';

const tags = ['carts'];
const WRITE_NOTE =
  'The cart is repriced in the same request (one quote). Optional `If-Match` makes the change conditional (412 when the cart changed); without it, a change that loses a race is re-applied to the newer cart.';

/** Changes to a cart's lines, coupons and shipping destination: each answers the repriced cart. */
export function cartChangeRoutes(app: ServiceApp, ctx: CartContext, config: CartConfig): void {
  const pricing = ctx.client('pricing');
  type Request = { params: { cartId: string }; headers: { 'cart-token'?: string; 'if-match'?: string }; principal: Principal | null };
  const change = (request: Request, edit: (cart: Cart) => Edited, applying?: string) =>
    changeCart(ctx.db, pricing, config, request.params.cartId, { principal: request.principal, cartToken: request.headers['cart-token'] }, expectedVersion(request.headers['if-match'], false), edit, applying);
  const unchanged = (cart: Cart) => ({ lines: cart.lines, coupons: cart.coupons, shipping: cart.shipping });
  const lineNotFound = (sku: string) => problem(cartErrors.lineNotFound, `The cart has no line ${sku}`);
  const common = { tags, description: WRITE_NOTE, headers: CartHeaders, response: { 200: CartView } };

  app.post(
    '/api/cart/carts/:cartId/lines',
    { config: { access: 'public' }, schema: { ...common, summary: 'Add units of a SKU (to its line, if the cart has one)', params: CartParams, body: AddLineInput } },
    async (request, reply) => {
      const { sku, quantity } = request.body;
      const cart = await change(request, (c) => ({ ...unchanged(c), lines: addLine(c.lines, sku, quantity), focus: { sku } }));
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config));
    },
  );

  app.patch(
    '/api/cart/carts/:cartId/lines/:sku',
    { config: { access: 'public' }, schema: { ...common, summary: "Set a line's quantity", params: LineParams, body: SetQuantityInput } },
    async (request, reply) => {
      const { sku } = request.params;
      const cart = await change(request, (c) => {
        const lines = setQuantity(c.lines, sku, request.body.quantity);
        if (!lines) throw lineNotFound(sku);
        return { ...unchanged(c), lines, focus: { sku } };
      });
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config));
    },
  );

  app.delete(
    '/api/cart/carts/:cartId/lines/:sku',
    { config: { access: 'public' }, schema: { ...common, summary: 'Remove a line', params: LineParams } },
    async (request, reply) => {
      const { sku } = request.params;
      const cart = await change(request, (c) => {
        const lines = removeLine(c.lines, sku);
        if (!lines) throw lineNotFound(sku);
        return { ...unchanged(c), lines, focus: {} };
      });
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config));
    },
  );

  app.put(
    '/api/cart/carts/:cartId/shipping',
    { config: { access: 'public' }, schema: { ...common, summary: 'Set where the goods go (country) and how (a pricing shipping method)', params: CartParams, body: Shipping } },
    async (request, reply) => {
      const cart = await change(request, (c) => ({ ...unchanged(c), shipping: request.body, focus: { shipping: true } }));
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config));
    },
  );

  app.post(
    '/api/cart/carts/:cartId/coupons',
    {
      config: { access: 'public' },
      schema: {
        ...common,
        summary: 'Apply a coupon code',
        description: `${WRITE_NOTE} A coupon the quote rejects (unknown, expired, conditions not met) is a 422 and is not kept; without a shipping destination the coupon is kept as \`pending\`.`,
        params: CartParams,
        body: CouponInput,
      },
    },
    async (request, reply) => {
      const code = normalizeCoupon(request.body.code);
      const cart = await change(request, (c) => {
        if (c.coupons.includes(code)) return { ...unchanged(c), focus: { coupon: code } };
        if (c.coupons.length >= MAX_COUPONS) throw fieldProblem(cartErrors.tooManyCoupons, [{ pointer: 'body/code', detail: `a cart holds at most ${MAX_COUPONS} coupons` }]);
        return { ...unchanged(c), coupons: [...c.coupons, code], focus: { coupon: code } };
      }, code);
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config));
    },
  );

  app.delete(
    '/api/cart/carts/:cartId/coupons/:code',
    { config: { access: 'public' }, schema: { ...common, summary: 'Remove a coupon code', params: CouponParams } },
    async (request, reply) => {
      const code = normalizeCoupon(request.params.code);
      const cart = await change(request, (c) => {
        if (!c.coupons.includes(code)) throw problem(cartErrors.couponNotFound, `The cart has no coupon ${code}`);
        return { ...unchanged(c), coupons: c.coupons.filter((x) => x !== code), focus: {} };
      });
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config));
    },
  );
}
