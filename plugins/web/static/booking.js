// New booking: dates and guests -> availability with a quote per room type -> find or create
// the guest (with the API's duplicate hint) -> book.
import { gql, mutate } from './api.js';
import { AVAILABILITY, BOOK_STAY, CREATE_GUEST, GUESTS, QUOTE } from './documents_stay.js';
import { addDays, date, t } from './i18n.js';
import { Errors, Field, Loading, Money, asErrors, html, otherErrors, useState } from './ui.js';

async function search(ctx, ask) {
  const data = await gql(AVAILABILITY, { p: ctx.propertyId, a: ask.arrival, d: ask.departure,
    ad: Number(ask.adults), ch: Number(ask.children) });
  const result = data.availability;
  if (result.errors.length) return { errors: result.errors, offers: [] };
  const types = result.roomTypes.filter((type) => type.freeCount > 0);
  const offers = await Promise.all(types.map(async (type) => {
    const quoted = await gql(QUOTE, { p: ctx.propertyId, rt: type.roomType.id, a: ask.arrival,
      d: ask.departure, ad: Number(ask.adults), ch: Number(ask.children) });
    return { ...type, quote: quoted.quote.quote, quoteErrors: quoted.quote.errors };
  }));
  return { errors: [], offers };
}

function Offers({ offers, onChoose }) {
  if (!offers.length) return html`<p>${t('booking.nothingFree')}</p>`;
  return html`<table class="grid"><thead><tr><th>${t('board.roomType')}</th>
    <th class="num">${t('booking.free')}</th><th>${t('booking.nightly')}</th>
    <th class="num">${t('booking.total')}</th><th><span class="sr-only">${t('folio.actions')}</span></th></tr></thead>
    <tbody>${offers.map((offer) => html`<tr>
      <td>${offer.roomType.name}</td><td class="num">${offer.freeCount}</td>
      <td>${offer.quote ? offer.quote.nights.map((n) => html`<span class="night">${date(n.night, 'short')}: <${Money}
        value=${n.price} currency=${offer.quote.currency} /></span> `) : offer.quoteErrors.map((e) => e.message).join(' ')}</td>
      <td class="num">${offer.quote && html`<${Money} value=${offer.quote.total} currency=${offer.quote.currency} />`}</td>
      <td>${html`<button type="button" onClick=${() => onChoose(offer)}
        aria-label=${t('booking.chooseType', { name: offer.roomType.name })}>${t('booking.choose')}</button>`}</td>
    </tr>`)}</tbody></table>`;
}

function GuestStep({ ctx, onGuest }) {
  const [needle, setNeedle] = useState('');
  const [found, setFound] = useState(null);
  const [guest, setGuest] = useState({ firstName: '', lastName: '', email: '', phone: '' });
  const [errors, setErrors] = useState([]);
  const [duplicates, setDuplicates] = useState(null);
  async function find(event) {
    event.preventDefault();
    const data = await gql(GUESTS, { p: ctx.propertyId, s: needle });
    setFound(data.guests.nodes);
  }
  async function create(event) {
    event.preventDefault();
    const input = { propertyId: ctx.propertyId, firstName: guest.firstName, lastName: guest.lastName,
      email: guest.email || null, phone: guest.phone || null };
    const payload = await mutate(CREATE_GUEST, input);
    if (payload.errors.length) { setErrors(payload.errors); return; }
    if (payload.possibleDuplicates.length) setDuplicates({ created: payload.guest, list: payload.possibleDuplicates });
    else onGuest(payload.guest);
  }
  const bind = (name) => ({ value: guest[name], onInput: (e) => setGuest({ ...guest, [name]: e.target.value }) });
  if (duplicates) {
    return html`<div class="card" role="status"><h2>${t('booking.duplicateTitle')}</h2>
      <p>${t('booking.duplicateHint')}</p>
      <ul>${duplicates.list.map((g) => html`<li>${g.fullName} ${g.email || ''} ${g.phone || ''}
        <button type="button" onClick=${() => onGuest(g)}
          aria-label=${t('booking.useGuest', { name: g.fullName })}>${t('booking.use')}</button></li>`)}</ul>
      <button type="button" class="secondary" onClick=${() => onGuest(duplicates.created)}>
        ${t('booking.keepNew', { name: duplicates.created.fullName })}</button></div>`;
  }
  const names = ['firstName', 'lastName', 'email', 'phone'];
  return html`<div class="cards">
    <form class="card" onSubmit=${find} aria-label=${t('booking.findGuest')}>
      <h2>${t('booking.findGuest')}</h2>
      <${Field} id="guest-search" label=${t('booking.guestSearch')} name="search" errors=${[]}>
        <input id="guest-search" type="search" value=${needle} onInput=${(e) => setNeedle(e.target.value)} /><//>
      <button type="submit">${t('booking.find')}</button>
      ${found && (found.length === 0 ? html`<p>${t('booking.noGuest')}</p>` : html`<ul>
        ${found.map((g) => html`<li>${g.fullName} ${g.email || ''}
          <button type="button" onClick=${() => onGuest(g)}
            aria-label=${t('booking.useGuest', { name: g.fullName })}>${t('booking.use')}</button></li>`)}</ul>`)}
    </form>
    <form class="card" onSubmit=${create} aria-label=${t('booking.newGuest')}>
      <h2>${t('booking.newGuest')}</h2>
      ${names.map((name) => html`<${Field} id=${`guest-${name}`} label=${t(`guest.${name}`)} name=${name} errors=${errors}>
        <input id=${`guest-${name}`} ...${bind(name)} type=${name === 'email' ? 'email' : 'text'} /><//>`)}
      <${Errors} errors=${otherErrors(errors, names)} />
      <button type="submit">${t('booking.createGuest')}</button>
    </form></div>`;
}

export function Booking({ ctx }) {
  const [ask, setAsk] = useState({ arrival: ctx.businessDate, departure: addDays(ctx.businessDate, 1), adults: '1', children: '0' });
  const [result, setResult] = useState(null);
  const [busy, setBusy] = useState(false);
  const [offer, setOffer] = useState(null);
  const [guest, setGuest] = useState(null);
  const [errors, setErrors] = useState([]);
  const bind = (name) => ({ value: ask[name], onInput: (e) => setAsk({ ...ask, [name]: e.target.value }) });
  async function find(event) {
    event.preventDefault();
    setBusy(true); setOffer(null); setGuest(null);
    try { setResult(await search(ctx, ask)); } catch (error) { setResult({ errors: asErrors(error), offers: [] }); }
    setBusy(false);
  }
  async function book() {
    const payload = await mutate(BOOK_STAY, {
      propertyId: ctx.propertyId, roomTypeId: offer.roomType.id, guestId: guest.id,
      arrival: ask.arrival, departure: ask.departure, adults: Number(ask.adults), children: Number(ask.children),
    });
    if (payload.errors.length) setErrors(payload.errors);
    else ctx.open('stay', { stayId: payload.stay.id });
  }
  const fields = ['arrival', 'departure', 'adults', 'children'];
  return html`<section aria-labelledby="booking-title">
    <h1 id="booking-title">${t('booking.title')}</h1>
    <form class="card row" onSubmit=${find} aria-label=${t('booking.search')}>
      ${fields.map((name) => html`<${Field} id=${`booking-${name}`} label=${t(`booking.${name}`)} name=${name} errors=${result ? result.errors : []}>
        <input id=${`booking-${name}`} type=${name.endsWith('al') || name === 'departure' ? 'date' : 'number'} min="0" required ...${bind(name)} /><//>`)}
      <button type="submit">${t('booking.searchButton')}</button>
    </form>
    ${busy && html`<${Loading} />`}
    ${result && !offer && html`<${Errors} errors=${otherErrors(result.errors, fields)} /><${Offers} offers=${result.offers} onChoose=${setOffer} />`}
    ${offer && !guest && html`<p>${t('booking.chosen', { name: offer.roomType.name })}</p><${GuestStep} ctx=${ctx} onGuest=${setGuest} />`}
    ${offer && guest && html`<div class="card"><h2>${t('booking.confirm')}</h2>
      <p>${t('booking.summary', { guest: guest.fullName, type: offer.roomType.name, arrival: date(ask.arrival), departure: date(ask.departure) })}</p>
      ${offer.quote && html`<p>${t('booking.total')}: <${Money} value=${offer.quote.total} currency=${offer.quote.currency} testid="booking-total" /></p>`}
      <${Errors} errors=${errors} />
      <button type="button" onClick=${book}>${t('booking.book')}</button></div>`}
  </section>`;
}
