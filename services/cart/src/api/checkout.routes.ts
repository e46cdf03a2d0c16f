import type { ServiceApp } from '@mercato/kit';
import type { CartConfig } from '../config.ts';
import type { CartContext } from '../store/context.ts';
import { completeCheckout, lockForCheckout, releaseCheckout } from '../usecases/checkout-cart.ts';
import { CheckoutCartView, CheckoutParams, CompleteInput, LockInput, ReleaseInput } from './schemas.ts';
import { checkoutCartView } from './view.ts';

const tags = ['checkout'];
/** The checkout service (any service the topology lets call the cart; admin always may). */
const CHECKOUT_SERVICE = { roles: ['admin'], services: true } as const;

/** The checkout service's hold on a cart: lock it, then close it as ordered or open it again. */
export function checkoutRoutes(app: ServiceApp, ctx: CartContext, config: CartConfig): void {
  const pricing = ctx.client('pricing');
  const common = { tags, params: CheckoutParams, response: { 200: CheckoutCartView } };

  app.post(
    '/api/cart/carts/:cartId/checkout/lock',
    {
      config: { access: CHECKOUT_SERVICE },
      schema: {
        ...common,
        summary: 'Lock a cart for a checkout, repriced now',
        description:
          'The caller passes the person checking out (`accountId`) or the guest’s `cartToken`; anything that could not reach the cart is a 404. The cart needs lines (422 `cart-empty`) and a shipping destination (422 `shipping-required`); while locked, customer changes answer 409 `cart-checking-out`. Repeatable with the same `checkoutId`; another checkout’s lock is a 409 `cart-checking-out`.',
        body: LockInput,
      },
    },
    async (request) => {
      const { checkoutId, accountId, cartToken } = request.body;
      const cart = await lockForCheckout(ctx.db, pricing, config, request.params.cartId, { checkoutId, accountId, cartToken });
      return checkoutCartView(cart, config);
    },
  );

  app.post(
    '/api/cart/carts/:cartId/checkout/complete',
    {
      config: { access: CHECKOUT_SERVICE },
      schema: { ...common, summary: 'Close a locked cart as ordered (repeatable)', description: 'Only the checkout holding the cart may (409 `cart-not-in-checkout` otherwise).', body: CompleteInput },
    },
    async (request) => checkoutCartView(await completeCheckout(ctx.db, request.params.cartId, request.body.checkoutId, request.body.orderId), config),
  );

  app.post(
    '/api/cart/carts/:cartId/checkout/release',
    {
      config: { access: CHECKOUT_SERVICE },
      schema: {
        ...common,
        summary: 'Open a locked cart again, unchanged (repeatable)',
        description: 'A no-op when the checkout does not hold the cart; a cart this checkout ordered is a 409 `cart-not-in-checkout`.',
        body: ReleaseInput,
      },
    },
    async (request) => checkoutCartView(await releaseCheckout(ctx.db, request.params.cartId, request.body.checkoutId), config),
  );
}
