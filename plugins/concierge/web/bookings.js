// Service bookings (conciergeBookings): the coming ones in time order with their status, the
// next step each allows (confirm, delivered, cancel), and a form that books a resource for an
// in-house guest (bookConciergeService); an error the API names a field for is shown beside it.
import { BOOKINGS, BOOK_SERVICE, SET_BOOKING_STATUS } from './documents.js';
import { fieldErrors, inHouse, instant } from './stays.js';

const NEXT = { REQUESTED: ['CONFIRMED', 'CANCELLED'], CONFIRMED: ['DELIVERED', 'CANCELLED'] };

function BookingForm({ ctx, resources, onDone }) {
  const { html, useEffect, useState, Errors, otherErrors } = ctx.ui;
  const { t } = ctx;
  const [stays, setStays] = useState([]);
  const [values, setValues] = useState({ resourceId: resources.length ? resources[0].id : '', startsAt: '', partySize: '1', stayId: '', notes: '', confirm: true });
  const [errors, setErrors] = useState([]);
  useEffect(() => { inHouse(ctx).then(setStays).catch(() => setStays([])); }, [ctx.propertyId]);
  const bind = (name) => ({ id: `book-${name}`, value: values[name], onInput: (e) => setValues({ ...values, [name]: e.target.value }), onChange: (e) => setValues({ ...values, [name]: e.target.value }) });
  async function submit(event) {
    event.preventDefault();
    const input = { ...values, startsAt: instant(values.startsAt), partySize: Number(values.partySize) || 0, stayId: values.stayId || null };
    if (!input.startsAt) { setErrors([{ field: 'startsAt', message: t('concierge.bookings.whenMissing') }]); return; }
    const payload = await ctx.mutate(BOOK_SERVICE, input);
    if (payload.errors.length) setErrors(payload.errors);
    else { setErrors([]); setValues({ ...values, startsAt: '', notes: '' }); onDone(); }
  }
  const field = (name, label, control) => html`<div class="field"><label for=${`book-${name}`}>${label}</label>
    ${control}${fieldErrors(ctx, errors, name)}</div>`;
  return html`<form class="card" onSubmit=${submit} aria-label=${t('concierge.bookings.new')}>
    <h3>${t('concierge.bookings.new')}</h3>
    ${field('resourceId', t('concierge.bookings.resource'), html`<select ...${bind('resourceId')}>
      ${resources.map((r) => html`<option value=${r.id} translate=${false}>${r.name}</option>`)}</select>`)}
    ${field('startsAt', t('concierge.bookings.when'), html`<input type="datetime-local" ...${bind('startsAt')} />`)}
    ${field('partySize', t('concierge.bookings.party'), html`<input type="number" min="1" ...${bind('partySize')} />`)}
    ${field('stayId', t('concierge.bookings.guest'), html`<select ...${bind('stayId')}>
      <option value="">${t('concierge.bookings.noGuest')}</option>
      ${stays.map((s) => html`<option value=${s.id} translate=${false}>${s.label}</option>`)}</select>`)}
    ${field('notes', t('concierge.bookings.notes'), html`<input ...${bind('notes')} />`)}
    <label class="check"><input type="checkbox" checked=${values.confirm}
      onChange=${(e) => setValues({ ...values, confirm: e.target.checked })} /> ${t('concierge.bookings.confirmNow')}</label>
    <${Errors} errors=${otherErrors(errors, ['resourceId', 'startsAt', 'partySize', 'stayId', 'notes'])} />
    <button type="submit">${t('concierge.bookings.book')}</button>
  </form>`;
}

export function Bookings({ ctx }) {
  const { html, useEffect, useState, Errors, Loading, Money, asErrors } = ctx.ui;
  const { t } = ctx;
  const { dateTime } = ctx.i18n;
  const [data, setData] = useState(null);
  const [errors, setErrors] = useState({});
  const [version, setVersion] = useState(0);
  useEffect(() => {
    ctx.gql(BOOKINGS, { p: ctx.propertyId }).then(setData).catch((error) => setErrors({ all: asErrors(error) }));
  }, [ctx.propertyId, version]);
  async function step(booking, status) {
    const payload = await ctx.mutate(SET_BOOKING_STATUS, { bookingId: booking.id, status });
    setErrors(payload.errors.length ? { [booking.id]: payload.errors } : {});
    if (!payload.errors.length) setVersion(version + 1);
  }
  if (errors.all) return html`<${Errors} errors=${errors.all} />`;
  if (!data) return html`<${Loading} />`;
  const now = new Date().toISOString();
  const coming = data.conciergeBookings.nodes.filter((b) => b.status !== 'CANCELLED' && b.endsAt >= now)
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt));
  const resources = data.conciergeResources.nodes.filter((r) => r.active);
  const write = ctx.can('concierge.bookings.write');
  const who = (b) => (b.guest ? b.guest.fullName : '') + (b.stay && b.stay.room ? ` (${b.stay.room.number})` : '');
  return html`<section aria-labelledby="concierge-bookings"><h2 id="concierge-bookings">${t('concierge.bookings.title')}</h2>
    ${coming.length === 0 ? html`<p>${t('concierge.bookings.none')}</p>` : html`<table class="grid bookings">
      <thead><tr><th>${t('concierge.bookings.when')}</th><th>${t('concierge.bookings.resource')}</th>
        <th>${t('concierge.bookings.guest')}</th><th class="num">${t('concierge.bookings.party')}</th>
        <th class="num">${t('concierge.bookings.price')}</th><th>${t('concierge.panel.status')}</th>
        <th><span class="sr-only">${t('concierge.bookings.actions')}</span></th></tr></thead>
      <tbody>${coming.map((b) => html`<tr data-booking=${b.id}><td>${dateTime(b.startsAt)}</td>
        <td translate=${false}>${b.resource.name}</td><td translate=${false}>${who(b)}</td>
        <td class="num">${b.partySize}</td><td class="num"><${Money} value=${b.price} /></td>
        <td data-status=${b.status}>${t(`concierge.bookingStatus.${b.status}`)}</td>
        <td>${write && (NEXT[b.status] || []).map((s) => html`<button type="button" class="secondary small"
          onClick=${() => step(b, s)} aria-label=${t(`concierge.bookings.to.${s}Of`, { what: `${b.resource.name}, ${dateTime(b.startsAt)}` })}>
          ${t(`concierge.bookings.to.${s}`)}</button> `)}<${Errors} errors=${errors[b.id]} /></td></tr>`)}</tbody></table>`}
    ${write && resources.length > 0 && html`<${BookingForm} ctx=${ctx} resources=${resources} onDone=${() => setVersion(version + 1)} />`}
  </section>`;
}
