// Routing rules of a stay: for each charge category, the open folio its postings go to
// (Folio.routedCategories; without a rule the API posts to the first open folio). Saving
// calls routeCharges once per folio that gains categories; an error the API returns is shown
// beside the category whose select it concerns.
import { mutate } from './api.js';
import { ROUTE_CHARGES } from './documents_stay.js';
import { t } from './i18n.js';
import { Errors, asErrors, html, useState } from './ui.js';

const ROUTABLE = ['ROOM', 'FOOD_BEVERAGE', 'MINIBAR', 'SPA', 'FEE', 'OTHER'];

// Where each category goes now: its rule's folio if open, else the first open folio.
function currentRouting(open) {
  const routing = {};
  for (const category of ROUTABLE) {
    const ruled = open.find((folio) => (folio.routedCategories || []).includes(category));
    routing[category] = (ruled || open[0]).id;
  }
  return routing;
}

// Each failed call's errors, tagged with the categories the call carried.
async function save(changes) {
  const byFolio = new Map();
  for (const [category, folioId] of changes) {
    byFolio.set(folioId, [...(byFolio.get(folioId) || []), category]);
  }
  const failed = [];
  for (const [folioId, categories] of byFolio) {
    const payload = await mutate(ROUTE_CHARGES, { folioId, categories });
    for (const error of payload.errors) failed.push({ ...error, categories });
  }
  return failed;
}

function CategoryRow({ category, folios, value, errors, onSelect, stayId }) {
  const id = `routing-${stayId}-${category}`;
  const mine = errors.filter((error) => (error.categories || []).includes(category) && error.field);
  return html`<div class="field">
    <label for=${id}>${t(`category.${category}`)}</label>
    <select id=${id} value=${value} onChange=${(e) => onSelect(category, e.target.value)}
        aria-invalid=${mine.length ? 'true' : undefined}>
      ${folios.map((folio) => html`<option value=${folio.id}>
        ${t('folio.title', { number: folio.number, name: folio.name })}</option>`)}
    </select>
    ${mine.map((error) => html`<span class="error" role="alert" id=${`${id}-error`}
      data-field=${error.field}>${error.message}</span>`)}
  </div>`;
}

export function RoutingForm({ stay, onChange }) {
  const open = stay.folios.filter((folio) => folio.status === 'OPEN');
  const now = currentRouting(open);
  const [chosen, setChosen] = useState({});
  const [errors, setErrors] = useState([]);
  const [saved, setSaved] = useState(false);
  const value = (category) => chosen[category] || now[category];
  async function submit(event) {
    event.preventDefault();
    const changes = ROUTABLE.filter((c) => value(c) !== now[c]).map((c) => [c, value(c)]);
    try {
      setSaved(false);
      const failed = await save(changes);
      setErrors(failed);
      // after a refusal the form keeps the choices and the errors beside them; after a
      // success it shows the rules as the API now reads them
      if (!failed.length) { await onChange(); setChosen({}); setSaved(true); }
    } catch (error) { setErrors(asErrors(error)); }
  }
  const select = (category, folioId) => { setSaved(false); setChosen({ ...chosen, [category]: folioId }); };
  return html`<form class="card routing" onSubmit=${submit} aria-label=${t('routing.title')}>
    <h3>${t('routing.title')}</h3>
    <p>${t('routing.explain')}</p>
    ${ROUTABLE.map((category) => html`<${CategoryRow} category=${category} folios=${open} stayId=${stay.id}
      value=${value(category)} errors=${errors} onSelect=${select} />`)}
    <${Errors} errors=${errors.filter((error) => !error.field)} />
    <p role="status" class="notice">${saved ? t('routing.saved') : ''}</p>
    <button type="submit">${t('routing.save')}</button>
  </form>`;
}
