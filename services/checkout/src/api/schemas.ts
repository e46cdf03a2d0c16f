import { CurrencyCode, MinorUnits, OrderAddress } from '@mercato/contracts';
import { Type, type Static } from '@sinclair/typebox';

const Address = Type.Object(OrderAddress.properties, { additionalProperties: false });
const DateTime = Type.String({ format: 'date-time' });

export const CheckoutInput = Type.Object(
  {
    cartId: Type.String({ minLength: 1, maxLength: 100 }),
    email: Type.Optional(Type.String({ format: 'email', maxLength: 320, description: "Where the order confirmation goes; a customer's account email when absent, required for a guest" })),
    shippingAddress: Address,
    billingAddress: Type.Optional(Address),
    payment: Type.Object(
      {
        card: Type.Object(
          {
            number: Type.String({ pattern: '^[0-9]{12,19}$', description: 'Passed to the payment service, never stored here' }),
            expMonth: Type.Optional(Type.Integer({ minimum: 1, maximum: 12 })),
            expYear: Type.Optional(Type.Integer({ minimum: 2000, maximum: 2100 })),
            cvc: Type.Optional(Type.String({ pattern: '^[0-9]{3,4}$' })),
          },
          { additionalProperties: false },
        ),
      },
      { additionalProperties: false },
    ),
  },
  { additionalProperties: false },
);
export type CheckoutInput = Static<typeof CheckoutInput>;

export const CheckoutHeaders = Type.Object({
  'idempotency-key': Type.Optional(Type.String({ description: 'Required: the same key answers the same checkout (a double-click is one order)' })),
  'cart-token': Type.Optional(Type.String({ maxLength: 100, description: "A guest cart's secret token" })),
});
export const GuestHeaders = Type.Object({ 'cart-token': CheckoutHeaders.properties['cart-token'] });
export const CheckoutParams = Type.Object({ id: Type.String({ maxLength: 100 }) });

export const CheckoutTotals = Type.Object({ subtotal: MinorUnits, discountTotal: MinorUnits, taxTotal: MinorUnits, shippingTotal: MinorUnits, grandTotal: MinorUnits });

export const CheckoutView = Type.Object({
  id: Type.String(),
  status: Type.Union([Type.Literal('processing'), Type.Literal('completed'), Type.Literal('failed')], { description: '`processing` until the order is placed and confirmed, or everything is rolled back' }),
  step: Type.String({ description: 'The step (or compensation) running now; `done` when finished' }),
  cartId: Type.String(),
  orderId: Type.Union([Type.String(), Type.Null()]),
  failure: Type.Union([Type.Object({ code: Type.String(), message: Type.String() }), Type.Null()]),
  currency: Type.Union([CurrencyCode, Type.Null()]),
  totals: Type.Union([CheckoutTotals, Type.Null()], { description: 'The final prices, once locked' }),
  payment: Type.Object({ intentId: Type.Union([Type.String(), Type.Null()]), card: Type.Object({ brand: Type.String(), last4: Type.String() }) }),
  createdAt: DateTime,
  updatedAt: DateTime,
});
export type CheckoutView = Static<typeof CheckoutView>;

export const CheckoutQuery = Type.Object(
  { idempotencyKey: Type.String({ minLength: 1, maxLength: 255, description: 'The Idempotency-Key the checkout was started with' }) },
  { additionalProperties: false },
);
export const CheckoutList = Type.Object({ items: Type.Array(CheckoutView) });
