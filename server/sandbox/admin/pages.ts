import type { SalesOrder } from '../clarity/types';
import type { OrderPage, ShipmentLike } from './clarity-admin-api';
import { esc } from './html';

/**
 * The admin's pages, as the Clarity admin lays them out, with the places the extension fills
 * marked by data attributes (extension/src/protocol.ts).
 */
const money = (n: number | null | undefined, cur = 'USD') => {
  try {
    return new Intl.NumberFormat('en-US', { style: 'currency', currency: cur }).format(n ?? 0);
  } catch {
    return (n ?? 0).toFixed(2);
  }
};
const when = (iso: string) => (iso ? iso.replace('T', ' ').replace(/\.\d+Z$|Z$/, ' UTC') : '');
const person = (o: SalesOrder) => `${o.BillingContact?.FirstName ?? ''} ${o.BillingContact?.LastName ?? ''}`.trim();

export function orderListBody(base: string, page: OrderPage, extTitle: string): string {
  const ids = page.orders.map((o) => o.ID).join(',');
  const rows = page.orders.map((o) => `
    <tr>
      <td><a href="${esc(`${base}/orders/${o.ID}`)}">${esc(o.CustomKey || o.ID)}</a></td>
      <td>${esc(when(o.CreatedDate))}</td>
      <td>${esc(person(o))}<div class="muted">${esc(o.BillingContact?.Address?.Company ?? '')}</div></td>
      <td>${esc(o.StatusKey)}</td>
      <td class="num">${esc(money(o.Totals?.Total, o.CurrencyKey))}</td>
      <td><span data-clarity-badge="${esc(o.ID)}"></span></td>
    </tr>`).join('');
  const pager = `<div class="pager">
    ${page.page > 1 ? `<a class="btn" href="${esc(`${base}/?page=${page.page - 1}`)}">Newer</a>` : ''}
    <span class="muted">Page ${page.page} of ${page.totalPages} · ${page.total} orders</span>
    ${page.page < page.totalPages ? `<a class="btn" href="${esc(`${base}/?page=${page.page + 1}`)}">Older</a>` : ''}
  </div>`;
  return `
  <div class="row" style="justify-content:space-between"><h1>Orders</h1>
    <form method="post" action="${esc(`${base}/orders`)}"><button class="btn btn-primary" type="submit">Place a test order</button></form>
  </div>
  <section class="ext" aria-label="${esc(extTitle)}">
    <div data-clarity-extension="admin.order.list" data-order-ids="${esc(ids)}" data-title="${esc(extTitle)}"></div>
  </section>
  <div class="card" style="padding:0;overflow-x:auto">
    <table>
      <thead><tr><th scope="col">Order</th><th scope="col">Placed</th><th scope="col">Customer</th><th scope="col">Status</th><th scope="col" class="num">Total</th><th scope="col">${esc(extTitle)}</th></tr></thead>
      <tbody>${rows || '<tr><td colspan="6" class="muted">No orders yet. Place a test order to see it flow into Sage.</td></tr>'}</tbody>
    </table>
  </div>
  ${pager}`;
}

function address(c: SalesOrder['BillingContact'] | undefined): string {
  if (!c) return '';
  const a = c.Address ?? ({} as SalesOrder['BillingContact']['Address']);
  return [
    `${c.FirstName ?? ''} ${c.LastName ?? ''}`.trim(), a.Company, a.Street1, a.Street2,
    `${a.City ?? ''}, ${a.RegionCode ?? ''} ${a.PostalCode ?? ''}`, a.CountryCode, c.Email1, c.Phone1,
  ].filter((x) => x && String(x).trim()).map((x) => esc(x)).join('<br>');
}

export function orderPageBody(base: string, o: SalesOrder, shipments: ShipmentLike[], extTitle: string, statuses: string[]): string {
  const lines = (o.SalesItems ?? []).map((l) => `<tr><td>${esc(l.Sku)}</td><td>${esc(l.Name)}</td><td class="num">${esc(l.Quantity)}</td>
    <td class="num">${esc(money(l.UnitSoldPrice, o.CurrencyKey))}</td><td class="num">${esc(money(l.ExtendedPrice, o.CurrencyKey))}</td></tr>`).join('');
  const t = o.Totals ?? ({} as SalesOrder['Totals']);
  const attrs = Object.values(o.SerializableAttributes ?? {});
  const ships = shipments.map((s) => `<li>${esc(s.CarrierName ?? '')} ${esc(s.TrackingNumber ?? '')} <span class="muted">${esc(s.ShipDate ?? '')}</span></li>`).join('');
  return `
  <p><a href="${esc(`${base}/`)}">← Orders</a></p>
  <div class="row" style="justify-content:space-between">
    <h1>Order ${esc(o.CustomKey || o.ID)} <span class="muted" style="font-weight:400">#${esc(o.ID)}</span></h1>
    <form class="row" method="post" action="${esc(`${base}/orders/${o.ID}/status`)}">
      <label for="status">Status</label>
      <select id="status" name="status">${statuses.map((s) => `<option${s === o.StatusKey ? ' selected' : ''}>${esc(s)}</option>`).join('')}</select>
      <button class="btn" type="submit">Update</button>
    </form>
  </div>
  <section class="ext" aria-label="${esc(extTitle)}">
    <div class="ext-title">${esc(extTitle)}</div>
    <div data-clarity-extension="admin.order.detail" data-order-id="${esc(o.ID)}" data-title="${esc(extTitle)}"></div>
  </section>
  <div class="grid">
    <div class="card"><h2>Bill to</h2><p>${address(o.BillingContact)}</p></div>
    <div class="card"><h2>Ship to</h2><p>${address(o.ShippingContact)}</p>
      <p class="muted">${esc(o.ShippingDetail?.CarrierName ?? '')} ${esc(o.ShippingDetail?.CarrierMethodName ?? '')}</p></div>
    <div class="card"><h2>Details</h2>
      <p>Placed ${esc(when(o.CreatedDate))}<br>Updated ${esc(when(o.UpdatedDate))}<br>PO ${esc(o.PurchaseOrderNumber ?? '—')}<br>Account ${esc(o.AccountKey ?? 'guest')}</p>
      ${attrs.length ? `<p>${attrs.map((a) => `${esc(a.Key)}: <strong data-attr="${esc(a.Key)}">${esc(a.Value)}</strong>`).join('<br>')}</p>` : ''}
    </div>
  </div>
  <div class="card"><h2>Notes</h2><pre class="notes">${esc(o.Notes ?? '—')}</pre></div>
  <div class="card" style="overflow-x:auto"><h2>Items</h2>
    <table><thead><tr><th scope="col">SKU</th><th scope="col">Item</th><th scope="col" class="num">Qty</th><th scope="col" class="num">Price</th><th scope="col" class="num">Total</th></tr></thead>
    <tbody>${lines}</tbody></table>
    <p class="num">Subtotal ${esc(money(t.SubTotal, o.CurrencyKey))} · Shipping ${esc(money(t.Shipping, o.CurrencyKey))} · Tax ${esc(money(t.Tax, o.CurrencyKey))}
      · Discounts ${esc(money(t.Discounts, o.CurrencyKey))} · <strong>Total ${esc(money(t.Total, o.CurrencyKey))}</strong></p>
  </div>
  <div class="card"><h2>Shipments</h2>${ships ? `<ul>${ships}</ul>` : '<p class="muted">None yet.</p>'}</div>`;
}

export function appPageBody(appName: string): string {
  return `<h1>${esc(appName)}</h1>
  <section class="ext" aria-label="${esc(appName)}"><div data-clarity-extension="admin.app" data-title="${esc(appName)}"></div></section>`;
}
