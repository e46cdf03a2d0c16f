import type { Cart, Totals } from '../api/types.ts';
import './CartTotals.css';

/** The money summary of a cart or an order. */
export function CartTotals({ totals, promotions = [], shippingKnown = true }: { totals: Totals; promotions?: Cart['promotions']; shippingKnown?: boolean }) {
  // Gross prices (as in the EU) already hold the tax: then it is shown as included, not added.
  const taxIncluded = totals.tax.amount > 0 && totals.grandTotal.amount === totals.subtotal.amount - totals.discount.amount + totals.shipping.amount;
  return (
    <dl className="totals">
      <div>
        <dt>Subtotal</dt>
        <dd>{totals.subtotal.formatted}</dd>
      </div>
      {promotions.map((promotion) => (
        <div key={promotion.name} className="totals__discount">
          <dt>{promotion.name}</dt>
          <dd>−{promotion.amount.formatted}</dd>
        </div>
      ))}
      {totals.discount.amount > 0 && promotions.length === 0 && (
        <div className="totals__discount">
          <dt>Discount</dt>
          <dd>−{totals.discount.formatted}</dd>
        </div>
      )}
      <div>
        <dt>Shipping</dt>
        <dd>{shippingKnown ? totals.shipping.formatted : <span className="muted">Chosen at checkout</span>}</dd>
      </div>
      <div>
        <dt>{taxIncluded ? 'Including tax' : 'Tax'}</dt>
        <dd>{shippingKnown ? totals.tax.formatted : <span className="muted">Calculated at checkout</span>}</dd>
      </div>
      <div className="totals__grand">
        <dt>Total</dt>
        <dd>{totals.grandTotal.formatted}</dd>
      </div>
    </dl>
  );
}
