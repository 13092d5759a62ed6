// Group events (conciergeEvents): the ones not over yet, with venue, time, places taken and
// the guests invited; an in-house guest is invited from here (addConciergeAttendee), and the
// API's refusal (full, already invited) is shown beside the guest field.
import { ADD_ATTENDEE, EVENTS } from './documents.js';
import { fieldErrors, inHouse } from './stays.js';

function Invite({ ctx, event, stays, onDone }) {
  const { html, useState, Errors, otherErrors } = ctx.ui;
  const { t } = ctx;
  const [stayId, setStayId] = useState(stays.length ? stays[0].id : '');
  const [errors, setErrors] = useState([]);
  async function submit(e) {
    e.preventDefault();
    const payload = await ctx.mutate(ADD_ATTENDEE, { eventId: event.id, stayId });
    if (payload.errors.length) setErrors(payload.errors);
    else { setErrors([]); onDone(); }
  }
  const id = `invite-${event.id}`;
  return html`<form class="inline-form" onSubmit=${submit} aria-label=${t('concierge.events.inviteTo', { name: event.name })}>
    <div class="field"><label for=${id}>${t('concierge.events.guest')}</label>
      <select id=${id} value=${stayId} onChange=${(e) => setStayId(e.target.value)}>
        ${stays.map((s) => html`<option value=${s.id} translate=${false}>${s.label}</option>`)}</select>
      ${['stayId', 'guestId', 'eventId'].map((name) => fieldErrors(ctx, errors, name))}</div>
    <${Errors} errors=${otherErrors(errors, ['stayId', 'guestId', 'eventId'])} />
    <button type="submit" disabled=${!stayId}>${t('concierge.events.invite')}</button>
  </form>`;
}

export function Events({ ctx }) {
  const { html, useEffect, useState, Errors, Loading, asErrors } = ctx.ui;
  const { t } = ctx;
  const { dateTime } = ctx.i18n;
  const [events, setEvents] = useState(null);
  const [stays, setStays] = useState([]);
  const [errors, setErrors] = useState([]);
  const [version, setVersion] = useState(0);
  useEffect(() => {
    ctx.gql(EVENTS, { p: ctx.propertyId, after: new Date().toISOString() })
      .then((data) => setEvents(data.conciergeEvents.nodes)).catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId, version]);
  const write = ctx.can('concierge.events.write');
  useEffect(() => { if (write) inHouse(ctx).then(setStays).catch(() => setStays([])); }, [ctx.propertyId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!events) return html`<${Loading} />`;
  const guests = (e) => e.attendees.filter((a) => a.guest).map((a) => `${a.guest.fullName} (${t(`concierge.rsvp.${a.rsvp}`)})`).join(', ');
  return html`<section aria-labelledby="concierge-events"><h2 id="concierge-events">${t('concierge.events.title')}</h2>
    ${events.length === 0 ? html`<p>${t('concierge.events.none')}</p>` : html`<ul class="events">
      ${events.map((e) => html`<li data-event=${e.id} class="card">
        <h3 translate=${false}>${e.name}</h3>
        <p>${dateTime(e.startsAt)} – ${dateTime(e.endsAt)} · <span translate=${false}>${e.venue}</span>${' · '}${t('concierge.events.places', { taken: e.placesTaken, capacity: e.capacity })}</p>
        ${e.attendees.length > 0 && html`<p data-attendees>${t('concierge.events.attendees')}: <span translate=${false}>${guests(e)}</span></p>`}
        ${write && stays.length > 0 && html`<${Invite} ctx=${ctx} event=${e} stays=${stays} onDone=${() => setVersion(version + 1)} />`}
      </li>`)}</ul>`}
  </section>`;
}
