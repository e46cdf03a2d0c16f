import { etag, problem, type ServiceApp } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import { personOf } from '../domain/access.ts';
import { cartErrors } from '../errors.ts';
import type { CartContext } from '../store/context.ts';
import { createCart } from '../usecases/create-cart.ts';
import { mergeGuestCart } from '../usecases/merge-carts.ts';
import { openCartOfAccount } from '../usecases/reach-cart.ts';
import { readCart } from '../usecases/read-cart.ts';
import { CartHeaders, CartParams, CartView, CreateCartInput, MergeInput } from './schemas.ts';
import { cartView } from './view.ts';

const tags = ['carts'];

/** Opening, reading and merging carts. */
export function cartRoutes(app: ServiceApp, ctx: CartContext, config: CartConfig): void {
  const pricing = ctx.client('pricing');

  app.post(
    '/api/cart/carts',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Open a cart',
        description:
          'Signed in: your customer cart (one open cart each; 409 `cart-exists` names it). Anonymous: a guest cart and its secret `token`, shown this once; send it as `Cart-Token` to reach the cart.',
        body: CreateCartInput,
        response: { 201: CartView },
      },
    },
    async (request, reply) => {
      const { cart, token } = await createCart(ctx.db, pricing, config, request.principal, { ...request.body, channel: request.body.channel ?? 'web' });
      return reply.code(201).header('location', `/api/cart/carts/${cart.id}`).header('etag', etag(cart.version)).send(cartView(cart, config, { token }));
    },
  );

  app.get(
    '/api/cart/carts/mine',
    { config: { access: 'authenticated' }, schema: { tags, summary: 'Your open customer cart', response: { 200: CartView } } },
    async (request, reply) => {
      const account = personOf(request.principal);
      const mine = account ? await openCartOfAccount(ctx.db, config, account) : undefined;
      if (!mine) throw problem(cartErrors.cartNotFound, 'You have no open cart');
      const { cart, pricingProblem } = await readCart(ctx.db, pricing, config, mine.id, { principal: request.principal, cartToken: undefined });
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config, { pricingProblem }));
    },
  );

  app.get(
    '/api/cart/carts/:cartId',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A cart, repriced first if a price changed',
        description: 'A guest cart needs its `Cart-Token`, a customer cart its owner’s access token; anything else is 404.',
        params: CartParams,
        headers: CartHeaders,
        response: { 200: CartView },
      },
    },
    async (request, reply) => {
      const caller = { principal: request.principal, cartToken: request.headers['cart-token'] };
      const { cart, pricingProblem } = await readCart(ctx.db, pricing, config, request.params.cartId, caller);
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config, { pricingProblem }));
    },
  );

  app.post(
    '/api/cart/carts/mine/merge',
    {
      config: { access: 'authenticated' },
      schema: {
        tags,
        summary: 'Merge a guest cart into yours (at login)',
        description:
          'Send the guest cart’s `Cart-Token`. Quantities of the same SKU are summed up to the maximum (a `quantity-capped` notice says so); the guest cart is closed. Without an open cart you adopt the guest cart.',
        body: MergeInput,
        headers: CartHeaders,
        response: { 200: CartView },
      },
    },
    async (request, reply) => {
      const account = personOf(request.principal);
      if (!account) throw problem(cartErrors.cartNotFound, 'A machine client has no cart');
      const cart = await mergeGuestCart(ctx.db, pricing, config, account, request.body.guestCartId, request.headers['cart-token']);
      return reply.header('etag', etag(cart.version)).send(cartView(cart, config));
    },
  );
}
