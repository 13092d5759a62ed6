// An invoice as the guest receives it, printable (the print style sheet hides the desk).
import { gql } from './api.js';
import { INVOICE } from './documents_stay.js';
import { date, percent, t } from './i18n.js';
import { Errors, Loading, Money, asErrors, html, useEffect, useState } from './ui.js';

export function InvoiceView({ ctx, invoiceId }) {
  const [invoice, setInvoice] = useState(null);
  const [errors, setErrors] = useState([]);
  useEffect(() => {
    gql(INVOICE, { id: invoiceId }).then((data) => setInvoice(data.invoice))
      .catch((error) => setErrors(asErrors(error)));
  }, [invoiceId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!invoice) return html`<${Loading} />`;
  const cur = invoice.currency;
  const stay = invoice.folio.stay;
  return html`<section class="invoice" aria-labelledby="invoice-title">
    <div class="no-print toolbar">
      <button type="button" class="secondary" onClick=${() => ctx.open('stay', { stayId: stay.id })}>
        ${t('invoice.back')}</button>
      <button type="button" onClick=${() => window.print()}>${t('invoice.print')}</button>
    </div>
    <h1 id="invoice-title">${t('invoice.title', { number: invoice.number })}</h1>
    <p>${stay.property.name}</p>
    <dl class="facts">
      <div><dt>${t('invoice.recipient')}</dt><dd>${invoice.recipient}</dd></div>
      <div><dt>${t('invoice.date')}</dt><dd>${date(invoice.businessDate)}</dd></div>
      <div><dt>${t('stay.code')}</dt><dd>${stay.confirmationCode}</dd></div>
      <div><dt>${t('invoice.stay')}</dt><dd>${date(stay.arrival)} – ${date(stay.departure)}</dd></div>
    </dl>
    <table class="grid">
      <thead><tr><th>${t('folio.description')}</th><th class="num">${t('folio.quantity')}</th>
        <th class="num">${t('folio.unitPrice')}</th><th class="num">${t('invoice.gross')}</th></tr></thead>
      <tbody>${invoice.lines.map((line) => html`<tr>
        <td>${line.description}${line.night ? ` (${date(line.night)})` : ''}</td>
        <td class="num">${line.quantity}</td>
        <td class="num"><${Money} value=${line.unitPrice} currency=${cur} /></td>
        <td class="num"><${Money} value=${line.gross} currency=${cur} /></td></tr>`)}</tbody>
    </table>
    <table class="grid totals">
      <thead><tr><th>${t('invoice.taxRate')}</th><th class="num">${t('invoice.net')}</th>
        <th class="num">${t('invoice.tax')}</th><th class="num">${t('invoice.gross')}</th></tr></thead>
      <tbody>${invoice.taxBreakdown.map((line) => html`<tr><td>${percent(line.rate)}</td>
        <td class="num"><${Money} value=${line.net} currency=${cur} /></td>
        <td class="num"><${Money} value=${line.tax} currency=${cur} /></td>
        <td class="num"><${Money} value=${line.gross} currency=${cur} /></td></tr>`)}</tbody>
    </table>
    <dl class="facts totals">
      <div><dt>${t('invoice.net')}</dt><dd><${Money} value=${invoice.net} currency=${cur} testid="invoice-net" /></dd></div>
      <div><dt>${t('invoice.tax')}</dt><dd><${Money} value=${invoice.tax} currency=${cur} testid="invoice-tax" /></dd></div>
      <div><dt>${t('invoice.total')}</dt><dd><${Money} value=${invoice.gross} currency=${cur} testid="invoice-gross" /></dd></div>
      <div><dt>${t('invoice.paid')}</dt><dd><${Money} value=${invoice.paid} currency=${cur} testid="invoice-paid" /></dd></div>
    </dl>
  </section>`;
}
