import { kitErrors, problem, type Principal, type ServiceApp } from '@mercato/kit';
import type { CheckoutConfig } from '../config.ts';
import { mayRead, ownerOf, type Buyer } from '../domain/access.ts';
import { checkoutErrors } from '../errors.ts';
import { failureProblem } from '../saga/failures.ts';
import type { SagaRunner } from '../saga/runner.ts';
import { startCheckout } from '../saga/start.ts';
import { findByKey, findCheckout } from '../store/checkouts.store.ts';
import type { CheckoutContext } from '../store/context.ts';
import { CheckoutHeaders, CheckoutInput, CheckoutList, CheckoutParams, CheckoutQuery, CheckoutView, GuestHeaders } from './schemas.ts';
import { checkoutView } from './view.ts';
import { emailOf } from './email.ts';

const tags = ['checkouts'];

/** Starting a checkout (the saga) and reading one. */
export function checkoutRoutes(app: ServiceApp, ctx: CheckoutContext, config: CheckoutConfig, runner: SagaRunner): void {
  app.post(
    '/api/checkout/checkouts',
    {
      // A first request still unanswered when its saga's lease ran out died with its process: a retry joins the saga.
      config: { access: 'public', idempotent: { abandonAfterMs: config.CHECKOUT_LEASE_MS } },
      schema: {
        tags,
        summary: 'Check out a cart: reserve stock, lock prices and coupons, authorize the payment, place the order',
        description: [
          'Signed in: your customer cart. Guest: send the cart’s `Cart-Token` and an `email`. `Idempotency-Key` is required (428 otherwise): the same key answers the same checkout, so a double-click is one order.',
          'Answers when the checkout ends: 201 `completed` with the order id; on failure everything held is released and the cart is open and unchanged: 402 `payment-declined`, 504 `payment-timeout`, 409 `insufficient-stock` (`skus`), or the problem that stopped it, each with `checkoutId`. A checkout still running after its deadline answers 201 `processing`: read it with GET.',
        ].join('\n\n'),
        headers: CheckoutHeaders,
        body: CheckoutInput,
        response: { 201: CheckoutView },
      },
    },
    async (request, reply) => {
      const key = request.headers['idempotency-key'];
      if (!key) throw problem(checkoutErrors.idempotencyKeyRequired, 'Send an Idempotency-Key header (e.g. a UUID made when the customer opened the payment form)');
      const buyer = buyerOf(request.principal, request.headers['cart-token']);
      const body = request.body;
      const email = await emailOf(ctx, body.email, buyer, request.headers.authorization);
      const checkout = await startCheckout(ctx.db, config, runner, {
        buyer,
        idempotencyKey: key,
        cartId: body.cartId,
        email,
        shippingAddress: body.shippingAddress,
        billingAddress: body.billingAddress ?? body.shippingAddress,
        card: body.payment.card,
      });
      if (checkout.status === 'failed') throw failureProblem(checkout.data.failure!, checkout.id);
      return reply.code(201).header('location', `/api/checkout/checkouts/${checkout.id}`).send(checkoutView(checkout));
    },
  );

  app.get(
    '/api/checkout/checkouts',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'Your checkout started with an Idempotency-Key',
        description: 'For a client whose request was cut off (a lost connection, a crash): which checkout its key started, if any. Customer token or the guest’s `Cart-Token`.',
        querystring: CheckoutQuery,
        headers: GuestHeaders,
        response: { 200: CheckoutList },
      },
    },
    async (request) => {
      const buyer = buyerOf(request.principal, request.headers['cart-token']);
      const checkout = await findByKey(ctx.db, ownerOf(buyer), request.query.idempotencyKey);
      return { items: checkout ? [checkoutView(checkout)] : [] };
    },
  );

  app.get(
    '/api/checkout/checkouts/:id',
    {
      config: { access: 'public' },
      schema: {
        tags,
        summary: 'A checkout: where it stands, its order or why it failed',
        description: 'Its customer (access token), its guest (`Cart-Token`) or staff (order-manager, scope checkout:read); anyone else gets a 404.',
        params: CheckoutParams,
        headers: GuestHeaders,
        response: { 200: CheckoutView },
      },
    },
    async (request) => {
      const checkout = await findCheckout(ctx.db, request.params.id);
      if (!checkout || !mayRead(checkout.owner, request.principal, request.headers['cart-token'])) {
        throw problem(checkoutErrors.checkoutNotFound, `No checkout ${request.params.id} is yours`);
      }
      return checkoutView(checkout);
    },
  );
}

/** The person checking out (their token), or the guest holding the cart token; machine clients have no cart. */
function buyerOf(principal: Principal | null, cartToken: string | undefined): Buyer {
  if (principal?.machine) throw problem(kitErrors.forbidden, 'A machine client has no cart to check out');
  if (principal) return { kind: 'customer', accountId: principal.sub };
  if (cartToken) return { kind: 'guest', cartToken };
  throw problem(kitErrors.unauthorized, 'Sign in, or send the guest cart’s Cart-Token');
}
