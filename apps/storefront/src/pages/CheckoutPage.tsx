import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate } from 'react-router';
import { ApiError, describeError } from '../api/errors.ts';
import { CHECKOUT_PREFILL, SHIPPING_METHODS } from '../api/queries.ts';
import type { Account, Address, AddressInput, Cart, Order, ShippingMethod } from '../api/types.ts';
import { useAuth } from '../auth/AuthContext.tsx';
import { useCart } from '../cart/CartContext.tsx';
import { saveLastOrder } from '../cart/last-order.ts';
import { CartTotals } from '../components/CartTotals.tsx';
import { EmptyState, Loading } from '../components/Feedback.tsx';
import { randomId } from '../lib/random-id.ts';
import { useQuery } from '../lib/useQuery.ts';
import { useTitle } from '../lib/useTitle.ts';
import { variantLabel } from '../lib/variant-label.ts';
import { COUNTRIES } from './checkout/countries.ts';
import { placeOrder } from './checkout/place-order.ts';
import './CheckoutPage.css';

type Form = { email: string; name: string; line1: string; postalCode: string; city: string; country: string; card: string; expiry: string; cvc: string };
type Prefill = { viewer: { account: Pick<Account, 'email' | 'name'> | null; addresses: Address[] } };

const EMPTY: Form = { email: '', name: '', line1: '', postalCode: '', city: '', country: 'DE', card: '', expiry: '', cvc: '' };

/**
 * What the confirmation shows when the order itself cannot be read (a guest may not read orders):
 * the cart as it was priced for this checkout, and the address given.
 */
function orderFromCart(orderId: string, cart: Cart, email: string, address: AddressInput): Order {
  return {
    id: orderId,
    number: null,
    status: 'placed',
    placedAt: new Date().toISOString(),
    email,
    lines: cart.lines.map((line) => ({
      sku: line.sku,
      name: line.variantName ?? line.product?.name ?? line.sku,
      quantity: line.quantity,
      unitPrice: line.unitPrice,
      lineTotal: line.lineTotal,
    })),
    totals: cart.totals,
    shippingAddress: { ...address, line2: address.line2 ?? null },
    shipment: null,
  };
}

/** The message for a failed order: the card's refusal is said plainly, and that nothing else changed. */
function failureMessage(error: unknown): string {
  if (error instanceof ApiError && (error.code === 'payment-declined' || error.code === 'card-declined')) {
    return 'Your card was declined. No money was taken and your cart is unchanged — please try another card.';
  }
  return describeError(error);
}

export default function CheckoutPage() {
  useTitle('Checkout');
  const navigate = useNavigate();
  const { signedIn } = useAuth();
  const { cart, loading, stored, setShipping, refresh, forget } = useCart();
  const [form, setForm] = useState<Form>(EMPTY);
  const [method, setMethod] = useState<string>('');
  const [submitting, setSubmitting] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // One key per attempt: a retry of the same attempt (e.g. a double click) is the same checkout.
  const idempotencyKey = useRef(randomId());
  const alertRef = useRef<HTMLDivElement>(null);

  const prefill = useQuery<Prefill>(CHECKOUT_PREFILL, {}, { skip: !signedIn });
  const methods = useQuery<{ shippingMethods: ShippingMethod[] }>(SHIPPING_METHODS, { country: form.country });
  const available = methods.data?.shippingMethods ?? [];

  useEffect(() => {
    const viewer = prefill.data?.viewer;
    if (!viewer) return;
    const address = viewer.addresses[0];
    setForm((current) => ({
      ...current,
      email: current.email || viewer.account?.email || '',
      name: current.name || address?.name || viewer.account?.name || '',
      line1: current.line1 || address?.line1 || '',
      postalCode: current.postalCode || address?.postalCode || '',
      city: current.city || address?.city || '',
      country: address?.country && COUNTRIES.some((c) => c.code === address.country) && !current.line1 ? address.country : current.country,
    }));
  }, [prefill.data]);

  // Keep the chosen method valid for the country: the cart's own choice, else the first offered.
  useEffect(() => {
    if (!available.length) return;
    setMethod((current) => {
      if (available.some((m) => m.code === current)) return current;
      const saved = cart?.shipping?.country === form.country ? cart.shipping.method : undefined;
      const cheapest = [...available].sort((a, b) => (a.price?.amount ?? 0) - (b.price?.amount ?? 0))[0]!;
      return available.find((m) => m.code === saved)?.code ?? cheapest.code;
    });
  }, [available, cart?.shipping, form.country]);

  // The cart's totals include shipping once it knows where and how: tell it as soon as both are chosen.
  useEffect(() => {
    if (!cart || !method || !available.some((m) => m.code === method)) return;
    if (cart.shipping?.country === form.country && cart.shipping.method === method) return;
    setShipping(form.country, method).catch((failure: unknown) => setError(describeError(failure)));
    // Only when the choice changes (not on every cart update, which this call itself causes).
  }, [method, form.country, cart?.id, available]);

  useEffect(() => {
    if (error) alertRef.current?.focus();
  }, [error]);

  if (loading && !cart) {
    return (
      <>
        <h1>Checkout</h1>
        <Loading label="Loading your cart…" />
      </>
    );
  }
  if (!cart || cart.lines.length === 0) {
    return (
      <>
        <h1>Checkout</h1>
        <EmptyState title="Your cart is empty">
          <p>Add something to your cart before checking out.</p>
          <Link to="/search" className="button">
            Start shopping
          </Link>
        </EmptyState>
      </>
    );
  }

  const set = (field: keyof Form) => (event: { target: { value: string } }) => setForm((current) => ({ ...current, [field]: event.target.value }));

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!cart || submitting) return;
    setSubmitting(true);
    setError(null);
    try {
      if (!method) throw new Error('Please choose a shipping method.');
      let priced = cart;
      if (cart.shipping?.country !== form.country || cart.shipping.method !== method) priced = await setShipping(form.country, method);
      const address = { name: form.name.trim(), line1: form.line1.trim(), postalCode: form.postalCode.trim(), city: form.city.trim(), country: form.country };
      const checkout = await placeOrder(
        {
          cartId: cart.id,
          email: form.email.trim(),
          shippingAddress: address,
          card: { number: form.card.replace(/\s+/g, ''), ...(form.expiry ? { expiry: form.expiry } : {}), ...(form.cvc ? { cvc: form.cvc } : {}) },
        },
        idempotencyKey.current,
        stored?.token ?? null,
      );
      const order = checkout.order ?? orderFromCart(checkout.orderId!, priced, form.email.trim(), address);
      saveLastOrder({ orderId: checkout.orderId!, checkoutId: checkout.id, cartToken: stored?.token ?? null, order });
      forget();
      void navigate(`/orders/${checkout.orderId}/confirmation`);
    } catch (failure) {
      setError(failureMessage(failure));
      idempotencyKey.current = randomId();
      void refresh();
    } finally {
      setSubmitting(false);
    }
  }

  return (
    <>
      <h1>Checkout</h1>
      <div className="checkout-layout">
        <form className="checkout-form" onSubmit={onSubmit} noValidate={false}>
          <div ref={alertRef} tabIndex={-1} className="checkout-alert">
            {error && (
              <div role="alert" className="notice notice--error">
                {error}
              </div>
            )}
          </div>

          <section className="checkout-step" aria-labelledby="contact-heading">
            <h2 id="contact-heading">Contact</h2>
            <div className="field">
              <label htmlFor="email">Email</label>
              <input id="email" type="email" autoComplete="email" required value={form.email} onChange={set('email')} />
            </div>
          </section>

          <section className="checkout-step" aria-labelledby="address-heading">
            <h2 id="address-heading">Shipping address</h2>
            <div className="field">
              <label htmlFor="name">Full name</label>
              <input id="name" type="text" autoComplete="name" required value={form.name} onChange={set('name')} />
            </div>
            <div className="field">
              <label htmlFor="line1">Address</label>
              <input id="line1" type="text" autoComplete="address-line1" required value={form.line1} onChange={set('line1')} />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor="postal-code">Postal code</label>
                <input id="postal-code" type="text" autoComplete="postal-code" required value={form.postalCode} onChange={set('postalCode')} />
              </div>
              <div className="field">
                <label htmlFor="city">City</label>
                <input id="city" type="text" autoComplete="address-level2" required value={form.city} onChange={set('city')} />
              </div>
            </div>
            <div className="field">
              <label htmlFor="country">Country</label>
              <select id="country" autoComplete="country" value={form.country} onChange={set('country')}>
                {COUNTRIES.map((country) => (
                  <option key={country.code} value={country.code}>
                    {country.code} — {country.name}
                  </option>
                ))}
              </select>
            </div>
          </section>

          <section className="checkout-step">
            <fieldset className="shipping-methods">
              <legend>Shipping method</legend>
              {methods.loading && !methods.data ? (
                <Loading label="Loading shipping methods…" />
              ) : available.length === 0 ? (
                <p className="notice notice--info">We do not ship to this country yet.</p>
              ) : (
                available.map((option) => (
                  <label key={option.code} className="shipping-method">
                    <input type="radio" name="shipping-method" value={option.code} checked={method === option.code} onChange={() => setMethod(option.code)} required />
                    <span className="shipping-method__name">{option.name}</span>
                    <span className="shipping-method__price">{option.price ? (option.price.amount === 0 ? 'Free' : option.price.formatted) : ''}</span>
                  </label>
                ))
              )}
            </fieldset>
          </section>

          <section className="checkout-step" aria-labelledby="payment-heading">
            <h2 id="payment-heading">Payment</h2>
            <div className="notice notice--info test-cards" id="test-cards">
              <strong>Test cards:</strong> 4242 4242 4242 4242 approves, 4000 0000 0000 0002 declines. Any future expiry and any CVC.
            </div>
            <div className="field">
              <label htmlFor="card-number">Card number</label>
              <input
                id="card-number"
                type="text"
                inputMode="numeric"
                autoComplete="cc-number"
                aria-describedby="test-cards"
                required
                value={form.card}
                onChange={set('card')}
                placeholder="1234 1234 1234 1234"
              />
            </div>
            <div className="field-row">
              <div className="field">
                <label htmlFor="card-expiry">Expiry (MM/YY)</label>
                <input id="card-expiry" type="text" inputMode="numeric" autoComplete="cc-exp" placeholder="12/30" value={form.expiry} onChange={set('expiry')} />
              </div>
              <div className="field">
                <label htmlFor="card-cvc">CVC</label>
                <input id="card-cvc" type="text" inputMode="numeric" autoComplete="cc-csc" placeholder="123" value={form.cvc} onChange={set('cvc')} />
              </div>
            </div>
          </section>

          <button type="submit" className="button button--block place-order" disabled={submitting}>
            {submitting ? 'Placing your order…' : 'Place order'}
          </button>
          {submitting && <p className="visually-hidden" role="status">Placing your order</p>}
        </form>

        <aside className="card checkout-summary" aria-labelledby="order-summary-heading">
          <h2 id="order-summary-heading">Your order</h2>
          <ul className="checkout-summary__lines">
            {cart.lines.map((line) => (
              <li key={line.sku}>
                <span>
                  {line.quantity} × {line.product?.name ?? line.sku}
                  {line.variantName && <span className="muted"> · {variantLabel(line.variantName, line.product?.name)}</span>}
                </span>
                <span>{line.lineTotal.formatted}</span>
              </li>
            ))}
          </ul>
          <CartTotals totals={cart.totals} promotions={cart.promotions} shippingKnown={cart.shipping !== null} />
          <Link to="/cart" className="checkout-summary__edit">
            Edit cart
          </Link>
        </aside>
      </div>
    </>
  );
}
