import { useState, type FormEvent } from 'react';
import { api } from '../../api/http.ts';
import type { Order } from '../../api/types.ts';
import { formatMoney, minorToDecimal, parseMoney } from '../../ui/format.ts';
import { ProblemAlert } from '../../ui/ProblemAlert.tsx';
import { DONE, isAllowed, refundable, type OrderAction } from './transitions.ts';

const BUTTONS: Array<{ action: OrderAction; label: string; danger?: boolean }> = [
  { action: 'approve', label: 'Approve' },
  { action: 'prepare', label: 'Prepare' },
  { action: 'ship', label: 'Ship' },
  { action: 'deliver', label: 'Deliver' },
  { action: 'cancel', label: 'Cancel', danger: true },
  { action: 'refund', label: 'Refund', danger: true },
];

/** Actions that need more input open a small form instead of acting at once. */
const NEEDS_FORM: readonly OrderAction[] = ['ship', 'cancel', 'refund'];

/**
 * The staff commands on an order; a button is enabled only when the state machine allows it. Each
 * command carries the version read (If-Match), so two people acting at once cannot both win.
 */
export function OrderActions({ order, onChanged }: { order: Order; onChanged: (order: Order) => void }) {
  const [open, setOpen] = useState<OrderAction | null>(null);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>();
  const [message, setMessage] = useState('');

  const run = async (action: OrderAction, body: unknown = {}) => {
    setBusy(true);
    setError(undefined);
    setMessage('');
    try {
      const path = action === 'refund' ? 'refunds' : action;
      const changed = await api<Order>(`/api/orders/orders/${order.id}/${path}`, { method: 'POST', body, version: order.version });
      setOpen(null);
      setMessage(`Order ${changed.number} ${DONE[action]}.`);
      onChanged(changed);
    } catch (failure) {
      setError(failure);
    } finally {
      setBusy(false);
    }
  };

  const press = (action: OrderAction) => {
    setError(undefined);
    setMessage('');
    if (NEEDS_FORM.includes(action)) setOpen(open === action ? null : action);
    else void run(action);
  };

  return (
    <section className="card" aria-labelledby="actions-heading">
      <h2 id="actions-heading">Actions</h2>
      <div className="button-row">
        {BUTTONS.map(({ action, label, danger }) => (
          <button
            key={action}
            type="button"
            className={`button ${danger ? 'danger' : 'primary'}`}
            disabled={busy || !isAllowed(order, action)}
            aria-expanded={NEEDS_FORM.includes(action) ? open === action : undefined}
            onClick={() => press(action)}
          >
            {label}
          </button>
        ))}
      </div>
      {open === 'ship' && <ShipForm busy={busy} onSubmit={(body) => void run('ship', body)} onClose={() => setOpen(null)} />}
      {open === 'cancel' && <CancelForm busy={busy} onSubmit={(body) => void run('cancel', body)} onClose={() => setOpen(null)} />}
      {open === 'refund' && <RefundForm order={order} busy={busy} onSubmit={(body) => void run('refund', body)} onClose={() => setOpen(null)} />}
      <ProblemAlert error={error} />
      <p role="status" className="status-message">
        {message}
      </p>
    </section>
  );
}

interface FormProps<T> {
  busy: boolean;
  onSubmit: (body: T) => void;
  onClose: () => void;
}

function ShipForm({ busy, onSubmit, onClose }: FormProps<{ carrier: string; trackingNumber: string; trackingUrl?: string }>) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const trackingUrl = String(form.get('trackingUrl') ?? '').trim();
    onSubmit({ carrier: String(form.get('carrier')).trim(), trackingNumber: String(form.get('trackingNumber')).trim(), ...(trackingUrl ? { trackingUrl } : {}) });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Shipment">
      <div className="field">
        <label htmlFor="ship-carrier">Carrier</label>
        <input id="ship-carrier" name="carrier" required maxLength={100} autoFocus list="carriers" />
        <datalist id="carriers">
          <option value="DHL" />
          <option value="DPD" />
          <option value="UPS" />
          <option value="GLS" />
          <option value="Hermes" />
        </datalist>
      </div>
      <div className="field">
        <label htmlFor="ship-tracking">Tracking number</label>
        <input id="ship-tracking" name="trackingNumber" required maxLength={100} />
      </div>
      <div className="field">
        <label htmlFor="ship-url">
          Tracking URL <span className="optional">(optional)</span>
        </label>
        <input id="ship-url" name="trackingUrl" type="url" maxLength={500} />
      </div>
      <div className="button-row">
        <button type="submit" className="button primary" disabled={busy}>
          Confirm shipment
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

function CancelForm({ busy, onSubmit, onClose }: FormProps<{ reason: string }>) {
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    onSubmit({ reason: String(new FormData(event.currentTarget).get('reason')).trim() });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Cancellation">
      <div className="field grow">
        <label htmlFor="cancel-reason">Reason</label>
        <input id="cancel-reason" name="reason" required maxLength={500} autoFocus />
      </div>
      <p className="hint">Cancelling voids the card authorization; nothing is charged.</p>
      <div className="button-row">
        <button type="submit" className="button danger" disabled={busy}>
          Confirm cancellation
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}

function RefundForm({ order, busy, onSubmit, onClose }: FormProps<{ amount: number; reason: string }> & { order: Order }) {
  const left = refundable(order);
  const [invalid, setInvalid] = useState('');
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const amount = parseMoney(String(form.get('amount')), order.currency);
    if (!(amount > 0) || amount > left) {
      setInvalid(`Enter an amount between ${formatMoney(1, order.currency)} and ${formatMoney(left, order.currency)}.`);
      return;
    }
    setInvalid('');
    onSubmit({ amount, reason: String(form.get('reason')).trim() });
  };
  return (
    <form className="inline-form" onSubmit={submit} aria-label="Refund" noValidate>
      <div className="field">
        <label htmlFor="refund-amount">Amount ({order.currency})</label>
        <input
          id="refund-amount"
          name="amount"
          inputMode="decimal"
          required
          autoFocus
          defaultValue={minorToDecimal(left, order.currency)}
          aria-describedby="refund-left"
          aria-invalid={invalid ? true : undefined}
        />
        <span id="refund-left" className="hint">
          Up to {formatMoney(left, order.currency)}
        </span>
      </div>
      <div className="field grow">
        <label htmlFor="refund-reason">Reason</label>
        <input id="refund-reason" name="reason" required maxLength={500} />
      </div>
      {invalid && (
        <p role="alert" className="alert">
          {invalid}
        </p>
      )}
      <div className="button-row">
        <button type="submit" className="button danger" disabled={busy}>
          Confirm refund
        </button>
        <button type="button" className="button" onClick={onClose}>
          Close
        </button>
      </div>
    </form>
  );
}
