import type { FastifyRequest } from 'fastify';
import type { ServiceApp, ServiceContext } from '@mercato/kit';
import { Bff } from '../bff/composition.ts';
import { parseJsonBodies } from '../bff/json-body.ts';
import { bffOptions } from '../bff/options.ts';
import {
  CartParams,
  CartScreen,
  CartTokenHeaders,
  CheckoutBody,
  CheckoutHeaders,
  CheckoutResult,
  HandleParams,
  HomeScreen,
  ListingQuery,
  ListingScreen,
  OrdersQuery,
  OrdersScreen,
  ProductScreen,
} from './schemas.ts';
import { cartScreen, checkoutScreen, homeScreen, listingScreen, ordersScreen, productScreen } from './screens.ts';

const tags = ['mobile'];

/**
 * The mobile BFF: one compact call per app screen under `/mobile/v1`, priced for the `mobile`
 * channel. Errors are the services' problems (problem+json), passed through.
 */
export async function mobileRoutes(app: ServiceApp, ctx: ServiceContext): Promise<void> {
  const options = bffOptions(ctx);
  await app.register(
    async (instance) => {
      const scope = instance as unknown as ServiceApp;
      parseJsonBodies(scope);
      const bff = (request: FastifyRequest) => new Bff(ctx, request, 'mobile', options);

      scope.get('/home', { config: { access: 'public' }, schema: { tags, summary: 'Home screen: category roots and featured products', response: { 200: HomeScreen } } }, (request) =>
        homeScreen(bff(request)),
      );

      scope.get(
        '/listing',
        { config: { access: 'public' }, schema: { tags, summary: 'Listing screen: a search or category page with prices, stock and facets', querystring: ListingQuery, response: { 200: ListingScreen } } },
        (request) => listingScreen(bff(request), request.query),
      );

      scope.get(
        '/products/:handle',
        { config: { access: 'public' }, schema: { tags, summary: 'Product screen: details, variants with price and stock', params: HandleParams, response: { 200: ProductScreen } } },
        (request) => productScreen(bff(request), request.params.handle),
      );

      scope.get(
        '/carts/:id',
        {
          config: { access: 'public' },
          schema: { tags, summary: 'Cart screen (guest carts: the cart-token header)', params: CartParams, headers: CartTokenHeaders, response: { 200: CartScreen } },
        },
        (request) => cartScreen(bff(request), request.params.id),
      );

      scope.post(
        '/checkout',
        {
          config: { access: 'public' },
          schema: {
            tags,
            summary: 'Place the order of a cart (guest carts: the cart-token header); a declined card is a 402 payment-declined problem',
            headers: CheckoutHeaders,
            body: CheckoutBody,
            response: { 201: CheckoutResult },
          },
        },
        async (request, reply) => reply.code(201).send(await checkoutScreen(bff(request), request.body, request.headers['idempotency-key'])),
      );

      scope.get(
        '/orders',
        { config: { access: 'authenticated' }, schema: { tags, summary: 'Orders screen: your orders, newest first', querystring: OrdersQuery, response: { 200: OrdersScreen } } },
        (request) => ordersScreen(bff(request), request.query.limit),
      );
    },
    { prefix: '/mobile/v1' },
  );
}
