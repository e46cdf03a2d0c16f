import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { exhausted, retryDelay } from '../src/domain/backoff.ts';
import { maskEmail, maskEmails, maskRecipientQuery } from '../src/domain/mask.ts';
import { formatMoney, minorDigits } from '@mercato/kit';
import { html, safeUrl } from '../src/templates/html.ts';
import { orderShipped, trackingOf } from '../src/templates/order-shipped.ts';
import { render } from '../src/templates/render.ts';
import { orderSummary } from './helpers.ts';

const settings = { shopName: 'Mercato', locale: 'en-GB' };

describe('notifications: templates and formatting', () => {
  it('formats minor units by the currency’s digits, exactly', () => {
    assert.equal(minorDigits('EUR'), 2);
    assert.equal(minorDigits('JPY'), 0);
    assert.equal(formatMoney(123456, 'EUR', 'en-GB'), '€1,234.56');
    assert.equal(formatMoney(5, 'EUR', 'en-GB'), '€0.05');
    assert.equal(formatMoney(-1999, 'EUR', 'en-GB'), '-€19.99');
    assert.equal(formatMoney(1200, 'JPY', 'en-GB'), '¥1,200');
    assert.match(formatMoney(12345, 'BHD', 'en-GB'), /^BHD\s12\.345$/, 'three digits');
    assert.match(formatMoney(123456, 'EUR', 'de-DE'), /^1\.234,56\s€$/);
    assert.equal(formatMoney(900_719_925_474_099, 'EUR', 'en-GB'), '€9,007,199,254,740.99', 'no float rounding');
  });

  it('escapes every interpolated value and keeps only http(s) links', () => {
    assert.equal(html`<p title="${'"x" & \'y\''}">${'<script>alert(1)</script>'}</p>`.value, '<p title="&quot;x&quot; &amp; &#39;y&#39;">&lt;script&gt;alert(1)&lt;/script&gt;</p>');
    assert.equal(html`<b>${html`<i>${'<'}</i>`}</b>`.value, '<b><i>&lt;</i></b>', 'nested html is not escaped twice');
    assert.equal(safeUrl('javascript:alert(1)'), null);
    assert.equal(safeUrl('not a url'), null);
    assert.equal(safeUrl('https://track.example/x?a=1&b=2'), 'https://track.example/x?a=1&b=2');

    const order = orderSummary({ lines: [{ sku: 'X', name: '<script>alert(1)</script>', quantity: 1, lineTotal: 100 }] });
    for (const message of [
      { kind: 'order-confirmation' as const, data: { order } },
      { kind: 'order-cancelled' as const, data: { order, reason: 'r' } },
    ]) {
      const content = render(message, { shopName: '<Shop>', locale: 'en-GB' });
      assert.ok(!content.html.includes('<script>') && !content.html.includes('<Shop>'), message.kind);
      assert.ok(content.subject.startsWith('<Shop>:'), 'subjects are headers, not HTML');
    }
  });

  it('a shipment mail takes tracking from the event, else from the order; a javascript: link is dropped', () => {
    const tracking = { carrier: 'GLS', trackingNumber: 'G1', trackingUrl: 'javascript:alert(1)' };
    assert.deepEqual(trackingOf({ order: orderSummary({ tracking }) }), tracking);
    assert.equal(trackingOf({ order: orderSummary() }), null);
    const content = orderShipped({ order: orderSummary({ tracking }), tracking }, settings);
    assert.match(content.text, /Carrier: GLS\nTracking number: G1/);
    assert.ok(!content.text.includes('javascript:') && !content.html.includes('javascript:'));
    assert.ok(!content.html.includes('<a '));
  });

  it('a refund says whether it is partial or full, with the amounts so far', () => {
    const order = orderSummary({ refundedAmount: 1000 });
    const partial = render({ kind: 'order-refunded', data: { order, refund: { id: 'ref_1', amount: 1000, reason: 'damaged', full: false } } }, settings);
    assert.equal(partial.subject, `Mercato: partial refund of €10.00 for order ${order.number}`);
    assert.match(partial.text, /a partial refund; €10\.00 of €52\.45 refunded so far/);
    const full = render({ kind: 'order-refunded', data: { order: { ...order, refundedAmount: 5245 }, refund: { id: 'ref_2', amount: 4245, reason: 'returned', full: true } } }, settings);
    assert.equal(full.subject, `Mercato: your order ${order.number} has been refunded`);
    assert.match(full.text, /we have refunded €42\.45 for your order .*; the order is now refunded in full \(€52\.45 of €52\.45\)/);
    assert.ok(full.html.includes('Your order has been refunded'));
  });

  it('masks addresses for logs, also inside relay errors', () => {
    assert.equal(maskEmail('jane.doe@example.com'), 'j***@example.com');
    assert.equal(maskEmail('nonsense'), '***');
    assert.equal(maskRecipientQuery('/api/notifications/deliveries?kind=order-shipped&to=Alice%40Example.com&limit=5'), '/api/notifications/deliveries?kind=order-shipped&to=A***%40Example.com&limit=5');
    assert.equal(maskRecipientQuery('/x?to=%E0%A4%A'), '/x?to=***');
    assert.equal(maskEmails('550 5.1.1 <jane.doe@example.com>: Recipient address rejected; from x@y.org'), '550 5.1.1 <j***@example.com>: Recipient address rejected; from x***@y.org');
  });

  it('backs off exponentially up to a cap and gives up after the last attempt', () => {
    const policy = { maxAttempts: 4, baseMs: 1000, maxMs: 5000 };
    assert.deepEqual([1, 2, 3, 4].map((n) => retryDelay(n, policy)), [1000, 2000, 4000, 5000]);
    assert.deepEqual([1, 3, 4].map((n) => exhausted(n, policy)), [false, false, true]);
  });
});
