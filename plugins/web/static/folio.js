// Folios of a stay: the entries, and the forms that post a charge, take a payment, refund a
// payment and correct a charge (transfer and split: settle.js). An API error that names a
// field is shown beside that field.
import { mutate } from './api.js';
import { CORRECT_ENTRY, POST_CHARGE, RECORD_PAYMENT, REFUND_PAYMENT } from './documents_stay.js';
import { amountOf, date, t } from './i18n.js';
import { Errors, Field, Money, html, otherErrors, useState } from './ui.js';
import { SplitForm, TransferForm } from './settle.js';
import { RoutingForm } from './routing.js';

const CATEGORIES = ['FOOD_BEVERAGE', 'MINIBAR', 'SPA', 'FEE', 'OTHER'];
const METHODS = ['CARD', 'CASH', 'BANK_TRANSFER', 'VOUCHER'];

function useForm(initial) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState([]);
  const bind = (name) => ({
    value: values[name],
    onInput: (e) => setValues({ ...values, [name]: e.target.value }),
    onChange: (e) => setValues({ ...values, [name]: e.target.value }),
    'aria-invalid': errors.some((error) => error.field === name) ? 'true' : undefined,
  });
  return { values, setValues, errors, setErrors, bind };
}

async function submitted(form, document, input, after) {
  const payload = await mutate(document, input);
  if (payload.errors.length) {
    form.setErrors(payload.errors);
    return;
  }
  form.setErrors([]);
  after();
}

function ChargeForm({ folio, onChange }) {
  const form = useForm({ category: 'FOOD_BEVERAGE', description: '', unitPrice: '', quantity: '1' });
  const id = (name) => `charge-${folio.id}-${name}`;
  function submit(event) {
    event.preventDefault();
    const { category, description, unitPrice, quantity } = form.values;
    submitted(form, POST_CHARGE, {
      folioId: folio.id, category, description, unitPrice, quantity: Number(quantity) || 0,
    }, () => { form.setValues({ ...form.values, description: '', unitPrice: '' }); onChange(); });
  }
  return html`<form class="card" onSubmit=${submit} aria-label=${t('folio.postCharge')}>
    <h3>${t('folio.postCharge')}</h3>
    <${Field} id=${id('category')} label=${t('folio.category')} name="category" errors=${form.errors}>
      <select id=${id('category')} ...${form.bind('category')}>
        ${CATEGORIES.map((c) => html`<option value=${c}>${t(`category.${c}`)}</option>`)}</select><//>
    <${Field} id=${id('description')} label=${t('folio.description')} name="description" errors=${form.errors}>
      <input id=${id('description')} ...${form.bind('description')} /><//>
    <${Field} id=${id('unitPrice')} label=${t('folio.unitPrice')} name="unitPrice" errors=${form.errors}>
      <input id=${id('unitPrice')} inputmode="decimal" ...${form.bind('unitPrice')} /><//>
    <${Field} id=${id('quantity')} label=${t('folio.quantity')} name="quantity" errors=${form.errors}>
      <input id=${id('quantity')} type="number" min="1" ...${form.bind('quantity')} /><//>
    <${Errors} errors=${otherErrors(form.errors, ['category', 'description', 'unitPrice', 'quantity'])} />
    <button type="submit">${t('folio.postChargeButton')}</button>
  </form>`;
}

function PaymentForm({ folio, onChange }) {
  const owed = Number(folio.balance.amount) > 0 ? folio.balance.amount : '';
  const form = useForm({ amount: owed, method: 'CARD', reference: '' });
  const id = (name) => `payment-${folio.id}-${name}`;
  function submit(event) {
    event.preventDefault();
    const { amount, method, reference } = form.values;
    submitted(form, RECORD_PAYMENT, {
      folioId: folio.id, amount, currency: folio.currency, method, reference: reference || null,
    }, onChange);
  }
  return html`<form class="card" onSubmit=${submit} aria-label=${t('folio.takePayment')}>
    <h3>${t('folio.takePayment')}</h3>
    <${Field} id=${id('amount')} label=${t('folio.amount')} name="amount" errors=${form.errors}>
      <input id=${id('amount')} inputmode="decimal" ...${form.bind('amount')} /><//>
    <${Field} id=${id('method')} label=${t('folio.method')} name="method" errors=${form.errors}>
      <select id=${id('method')} ...${form.bind('method')}>
        ${METHODS.map((m) => html`<option value=${m}>${t(`method.${m}`)}</option>`)}</select><//>
    <${Field} id=${id('reference')} label=${t('folio.reference')} name="reference" errors=${form.errors}>
      <input id=${id('reference')} ...${form.bind('reference')} /><//>
    <${Errors} errors=${otherErrors(form.errors, ['amount', 'method', 'reference'])} />
    <button type="submit">${t('folio.takePaymentButton')}</button>
  </form>`;
}

// Refund (of a payment) or correction (of a charge), inline under the entry.
function EntryFix({ folio, entry, onChange, onClose }) {
  const refund = entry.kind === 'PAYMENT';
  const form = useForm({ amount: String(-Number(amountOf(entry.amount))), reason: '' });
  const id = (name) => `fix-${entry.id}-${name}`;
  function submit(event) {
    event.preventDefault();
    if (refund) {
      submitted(form, REFUND_PAYMENT, {
        paymentId: entry.id, amount: form.values.amount, currency: folio.currency,
      }, onChange);
    } else {
      submitted(form, CORRECT_ENTRY, {
        entryId: entry.id, reason: form.values.reason,
      }, onChange);
    }
  }
  const field = refund ? 'amount' : 'reason';
  return html`<form class="inline-form" onSubmit=${submit}
      aria-label=${refund ? t('folio.refund') : t('folio.correct')}>
    <${Field} id=${id(field)} label=${refund ? t('folio.refundAmount') : t('folio.reason')}
        name=${field} errors=${form.errors}>
      <input id=${id(field)} ...${form.bind(field)} /><//>
    <${Errors} errors=${otherErrors(form.errors, [field])} />
    <button type="submit">${refund ? t('folio.refundButton') : t('folio.correctButton')}</button>
    <button type="button" class="secondary" onClick=${onClose}>${t('common.cancel')}</button>
  </form>`;
}

function Entries({ folio, ctx, onChange }) {
  const [fixing, setFixing] = useState(null);
  const open = folio.status === 'OPEN' && ctx.can('folios.write');
  const done = () => { setFixing(null); onChange(); };
  return html`<table class="grid entries">
    <thead><tr><th>${t('folio.date')}</th><th>${t('folio.description')}</th>
      <th>${t('folio.kind')}</th><th class="num">${t('folio.quantity')}</th>
      <th class="num">${t('folio.amount')}</th><th><span class="sr-only">${t('folio.actions')}</span></th></tr></thead>
    <tbody>${folio.entries.map((entry) => html`<tr data-entry=${entry.id}>
      <td>${date(entry.businessDate)}</td><td>${entry.description}</td>
      <td>${t(`entryKind.${entry.kind}`)}${entry.method ? ` · ${t(`method.${entry.method}`)}` : ''}</td>
      <td class="num">${entry.quantity}</td>
      <td class="num"><${Money} value=${entry.amount} currency=${entry.currency} /></td>
      <td>${open && (entry.kind === 'PAYMENT' || entry.kind === 'CHARGE') && html`<button type="button"
          class="secondary small" onClick=${() => setFixing(entry.id)}
          aria-label=${t(entry.kind === 'PAYMENT' ? 'folio.refundOf' : 'folio.correctOf', { what: entry.description })}>
          ${entry.kind === 'PAYMENT' ? t('folio.refund') : t('folio.correct')}</button>`}
        ${fixing === entry.id && html`<${EntryFix} folio=${folio} entry=${entry} onChange=${done}
          onClose=${() => setFixing(null)} />`}</td>
    </tr>`)}</tbody>
  </table>`;
}

function FolioCard({ folio, propertyId, ctx, onChange }) {
  const open = folio.status === 'OPEN' && ctx.can('folios.write');
  return html`<section class="folio" aria-label=${t('folio.title', { number: folio.number, name: folio.name })}
      data-folio=${folio.id}>
    <h2>${t('folio.title', { number: folio.number, name: folio.name })}
      <span class="badge">${t(`folioStatus.${folio.status}`)}</span></h2>
    <p>${t('folio.balance')}: <strong><${Money} value=${folio.balance} testid=${`folio-balance-${folio.id}`} /></strong></p>
    <${Entries} folio=${folio} ctx=${ctx} onChange=${onChange} />
    ${open && html`<div class="cards">
      <${ChargeForm} folio=${folio} onChange=${onChange} />
      <${PaymentForm} folio=${folio} onChange=${onChange} key=${folio.balance.amount} />
      ${Number(folio.balance.amount) > 0 && ctx.can('city_ledger.read') && html`<${TransferForm}
        folio=${folio} propertyId=${propertyId} onChange=${onChange} />`}
    </div>`}
    ${folio.invoice && ctx.can('invoices.read') && html`<button type="button"
      onClick=${() => ctx.open('invoice', { invoiceId: folio.invoice.id })}>
      ${t('folio.viewInvoice', { number: folio.invoice.number })}</button>`}
  </section>`;
}

export function Folios({ stay, ctx, onChange }) {
  return html`<div class="folios">
    ${stay.folios.map((folio) => html`<${FolioCard} folio=${folio} propertyId=${stay.property.id} ctx=${ctx}
      onChange=${onChange} key=${folio.id} />`)}
    ${ctx.can('folios.write') && ['BOOKED', 'CHECKED_IN'].includes(stay.status)
      && html`<div class="cards"><${SplitForm} stay=${stay} onChange=${onChange} />
        ${stay.folios.filter((folio) => folio.status === 'OPEN').length > 1
          && html`<${RoutingForm} stay=${stay} onChange=${onChange} />`}
      </div>`}
  </div>`;
}
