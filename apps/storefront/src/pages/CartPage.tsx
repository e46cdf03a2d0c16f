import { useEffect, useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { describeError } from '../api/errors.ts';
import type { CartLine } from '../api/types.ts';
import { useCart } from '../cart/CartContext.tsx';
import { CartTotals } from '../components/CartTotals.tsx';
import { EmptyState, Loading } from '../components/Feedback.tsx';
import { ProductImage } from '../components/ProductImage.tsx';
import { useTitle } from '../lib/useTitle.ts';
import { variantLabel } from '../lib/variant-label.ts';
import './CartPage.css';

const COMMIT_DELAY_MS = 500;

function Line({ line, onError }: { line: CartLine; onError: (error: unknown) => void }) {
  const { setQuantity, remove } = useCart();
  const name = line.product?.name ?? line.sku;
  const [draft, setDraft] = useState(String(line.quantity));
  const [busy, setBusy] = useState(false);
  const timer = useRef<ReturnType<typeof setTimeout>>(undefined);

  useEffect(() => void setDraft(String(line.quantity)), [line.quantity]);
  useEffect(() => () => clearTimeout(timer.current), []);

  async function commit(value: string) {
    clearTimeout(timer.current);
    const quantity = Math.floor(Number(value));
    if (!Number.isFinite(quantity) || quantity < 0 || value.trim() === '') return setDraft(String(line.quantity));
    if (quantity === line.quantity) return;
    setBusy(true);
    try {
      await setQuantity(line.sku, quantity);
    } catch (error) {
      setDraft(String(line.quantity));
      onError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <li className={`cart-line${busy ? ' cart-line--busy' : ''}`}>
      <ProductImage src={line.product?.image} name={name} size="thumb" />
      <div className="cart-line__info">
        {line.product ? (
          <Link to={`/p/${line.product.handle}`} className="cart-line__name">
            {name}
          </Link>
        ) : (
          <span className="cart-line__name">{name}</span>
        )}
        {line.variantName && <span className="muted cart-line__variant">{variantLabel(line.variantName, line.product?.name)}</span>}
        <span className="muted cart-line__unit">{line.unitPrice.formatted} each</span>
      </div>
      <div className="cart-line__controls">
        <input
          type="number"
          min={0}
          max={99}
          inputMode="numeric"
          aria-label={`Quantity of ${name}`}
          value={draft}
          onChange={(event) => {
            setDraft(event.target.value);
            clearTimeout(timer.current);
            const value = event.target.value;
            timer.current = setTimeout(() => void commit(value), COMMIT_DELAY_MS);
          }}
          onBlur={() => void commit(draft)}
          onKeyDown={(event) => event.key === 'Enter' && void commit(draft)}
          className="cart-line__quantity"
        />
        <button
          type="button"
          className="button button--link"
          aria-label={`Remove ${name}`}
          onClick={() => {
            setBusy(true);
            remove(line.sku).catch((error: unknown) => {
              setBusy(false);
              onError(error);
            });
          }}
        >
          Remove
        </button>
      </div>
      <span className="cart-line__total">{line.lineTotal.formatted}</span>
    </li>
  );
}

function CouponForm({ codes, onError }: { codes: string[]; onError: (error: unknown) => void }) {
  const { applyCoupon, removeCoupon } = useCart();
  const [code, setCode] = useState('');
  const [busy, setBusy] = useState(false);

  async function onSubmit(event: FormEvent) {
    event.preventDefault();
    if (!code.trim()) return;
    setBusy(true);
    try {
      await applyCoupon(code.trim());
      setCode('');
    } catch (error) {
      onError(error);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="coupon" onSubmit={onSubmit}>
      <label htmlFor="coupon-code" className="label">
        Coupon code
      </label>
      <div className="coupon__row">
        <input id="coupon-code" type="text" value={code} onChange={(event) => setCode(event.target.value)} autoComplete="off" />
        <button type="submit" className="button button--secondary" disabled={busy}>
          Apply
        </button>
      </div>
      {codes.length > 0 && (
        <ul className="coupon__applied">
          {codes.map((applied) => (
            <li key={applied}>
              <span>{applied}</span>
              <button type="button" className="button button--link" aria-label={`Remove coupon ${applied}`} onClick={() => void removeCoupon(applied).catch(onError)}>
                Remove
              </button>
            </li>
          ))}
        </ul>
      )}
    </form>
  );
}

export default function CartPage() {
  useTitle('Cart');
  const { cart, loading } = useCart();
  const [error, setError] = useState<unknown>();

  if (loading && !cart) {
    return (
      <>
        <h1>Cart</h1>
        <Loading label="Loading your cart…" />
      </>
    );
  }

  if (!cart || cart.lines.length === 0) {
    return (
      <>
        <h1>Cart</h1>
        <EmptyState title="Your cart is empty">
          <p>Find something you like and it will show up here.</p>
          <Link to="/search" className="button">
            Start shopping
          </Link>
        </EmptyState>
      </>
    );
  }

  return (
    <>
      <h1>Cart</h1>
      <div className="cart-layout">
        <section aria-label="Items">
          {error !== undefined && (
            <p role="alert" className="notice notice--error">
              {describeError(error)}
            </p>
          )}
          <ul className="cart-lines">
            {cart.lines.map((line) => (
              <Line key={line.sku} line={line} onError={setError} />
            ))}
          </ul>
        </section>
        <aside className="card cart-summary" aria-labelledby="summary-heading">
          <h2 id="summary-heading">Summary</h2>
          <CartTotals totals={cart.totals} promotions={cart.promotions} shippingKnown={cart.shipping !== null} />
          <Link to="/checkout" className="button button--block cart-summary__checkout">
            Checkout
          </Link>
          <CouponForm codes={cart.coupons} onError={setError} />
        </aside>
      </div>
    </>
  );
}
