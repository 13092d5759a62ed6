// Settling at check-out besides a payment: transfer a folio's balance to a city-ledger account
// (transferFolioToCityLedger), and split the bill by opening a second folio that takes the
// charges of chosen categories (openFolio routes them; the API moves no posted entry).
// The account list needs city_ledger.read: a user without it is not offered the transfer,
// since the API gives them no way to name an account.
import { gql, mutate } from './api.js';
import { CITY_LEDGER_ACCOUNTS, OPEN_FOLIO, TRANSFER_TO_CITY_LEDGER } from './documents_stay.js';
import { t } from './i18n.js';
import { Errors, Field, Money, asErrors, html, otherErrors, useEffect, useState } from './ui.js';

const ROUTABLE = ['ROOM', 'FOOD_BEVERAGE', 'MINIBAR', 'SPA', 'FEE', 'OTHER'];

const accountsByProperty = new Map();

// The property's active accounts, read once per page (they change rarely).
function activeAccounts(propertyId) {
  if (!accountsByProperty.has(propertyId)) {
    accountsByProperty.set(propertyId, gql(CITY_LEDGER_ACCOUNTS, { p: propertyId })
      .then((data) => data.cityLedgerAccounts.nodes.filter((account) => account.active))
      .catch((error) => { accountsByProperty.delete(propertyId); throw error; }));
  }
  return accountsByProperty.get(propertyId);
}

export function TransferForm({ folio, propertyId, onChange }) {
  const [accounts, setAccounts] = useState(null);
  const [accountId, setAccountId] = useState('');
  const [errors, setErrors] = useState([]);
  useEffect(() => {
    activeAccounts(propertyId).then((found) => {
      const usable = found.filter((account) => account.currency === folio.currency);
      setAccounts(usable);
      setAccountId(usable.length ? usable[0].id : '');
    }).catch((error) => setErrors(asErrors(error)));
  }, [propertyId, folio.currency]);
  async function submit(event) {
    event.preventDefault();
    try {
      const payload = await mutate(TRANSFER_TO_CITY_LEDGER, { folioId: folio.id, accountId });
      if (payload.errors.length) setErrors(payload.errors);
      else { setErrors([]); onChange(); }
    } catch (error) { setErrors(asErrors(error)); }
  }
  const id = `transfer-${folio.id}-account`;
  return html`<form class="card" onSubmit=${submit} aria-label=${t('settle.transfer')}>
    <h3>${t('settle.transfer')}</h3>
    <p>${t('settle.transferExplain')} <${Money} value=${folio.balance} /></p>
    ${accounts && accounts.length === 0 ? html`<p>${t('settle.noAccount')}</p>` : html`
      <${Field} id=${id} label=${t('settle.account')} name="accountId" errors=${errors}>
        <select id=${id} value=${accountId} onChange=${(e) => setAccountId(e.target.value)}
            aria-invalid=${errors.some((error) => error.field === 'accountId') ? 'true' : undefined}>
          ${(accounts || []).map((account) => html`<option value=${account.id} translate=${false}>
            ${account.code} · ${account.name}</option>`)}
        </select><//>
      <button type="submit" disabled=${!accountId}>${t('settle.transferButton')}</button>`}
    <${Errors} errors=${otherErrors(errors, ['accountId'])} />
  </form>`;
}

export function SplitForm({ stay, onChange }) {
  const [name, setName] = useState('');
  const [categories, setCategories] = useState([]);
  const [errors, setErrors] = useState([]);
  const toggle = (category) => setCategories(categories.includes(category)
    ? categories.filter((c) => c !== category) : [...categories, category]);
  async function submit(event) {
    event.preventDefault();
    try {
      const payload = await mutate(OPEN_FOLIO, { stayId: stay.id, name, categories });
      if (payload.errors.length) { setErrors(payload.errors); return; }
      setErrors([]); setName(''); setCategories([]); onChange();
    } catch (error) { setErrors(asErrors(error)); }
  }
  const id = `split-${stay.id}`;
  return html`<form class="card" onSubmit=${submit} aria-label=${t('settle.split')}>
    <h3>${t('settle.split')}</h3>
    <p>${t('settle.splitExplain')}</p>
    <${Field} id=${`${id}-name`} label=${t('settle.folioName')} name="name" errors=${errors}>
      <input id=${`${id}-name`} value=${name} onInput=${(e) => setName(e.target.value)} /><//>
    <fieldset><legend>${t('settle.categories')}</legend>
      ${ROUTABLE.map((category) => html`<label class="check">
        <input type="checkbox" checked=${categories.includes(category)} onChange=${() => toggle(category)} />
        ${t(`category.${category}`)}</label>`)}
      ${errors.filter((error) => error.field === 'categories').map((error) => html`<span class="error"
        role="alert" data-field="categories">${error.message}</span>`)}
    </fieldset>
    <${Errors} errors=${otherErrors(errors, ['name', 'categories'])} />
    <button type="submit">${t('settle.splitButton')}</button>
  </form>`;
}
