// Room calendar (tape chart): rooms x 14 nights from the business date, the stays on them.
// A stay opens from its bar; moving it to another room is done on the stay's page.
import { gql } from './api.js';
import { addDays, t, weekday } from './i18n.js';
import { Errors, Loading, asErrors, html, useEffect, useState } from './ui.js';
import { BOARD_EVENTS, debounced, subscribe } from './live.js';

const NIGHTS = 14;

async function load(ctx) {
  const stay = 'id confirmationCode status arrival departure room { id } primaryGuest { fullName }';
  const data = await gql(`query($p: ID!) {
    rooms(propertyId: $p, first: 250) { nodes { id number roomType { code } housekeepingStatus } }
    booked: stays(propertyId: $p, status: BOOKED, first: 250) { nodes { ${stay} } }
    inHouse: stays(propertyId: $p, status: CHECKED_IN, first: 250) { nodes { ${stay} } } }`,
  { p: ctx.propertyId });
  return { rooms: data.rooms.nodes, stays: [...data.booked.nodes, ...data.inHouse.nodes] };
}

function cells(room, stays, nights, ctx) {
  const out = [];
  let index = 0;
  while (index < nights.length) {
    const night = nights[index];
    const stay = stays.find((s) => s.room && s.room.id === room.id && s.arrival <= night && night < s.departure);
    if (!stay) { out.push(html`<td></td>`); index += 1; continue; }
    let span = 0;
    while (index + span < nights.length && nights[index + span] < stay.departure) span += 1;
    out.push(html`<td colspan=${span} class=${`bar ${stay.status}`}><button type="button" class="link"
      onClick=${() => ctx.open('stay', { stayId: stay.id })}
      aria-label=${t('calendar.openStay', { name: stay.primaryGuest.fullName, room: room.number })}>
      ${stay.primaryGuest.fullName}</button></td>`);
    index += span;
  }
  return out;
}

export function Calendar({ ctx }) {
  const [data, setData] = useState(null);
  const [errors, setErrors] = useState([]);
  useEffect(() => {
    const reload = () => load(ctx).then(setData).catch((error) => setErrors(asErrors(error)));
    reload();
    return subscribe(BOARD_EVENTS, { p: ctx.propertyId }, debounced(reload));
  }, [ctx.propertyId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!data) return html`<${Loading} />`;
  const nights = Array.from({ length: NIGHTS }, (_, i) => addDays(ctx.businessDate, i));
  const unassigned = data.stays.filter((s) => !s.room && s.arrival < nights[NIGHTS - 1] && s.departure > nights[0]);
  return html`<section aria-labelledby="calendar-title">
    <h1 id="calendar-title">${t('calendar.title')}</h1>
    <div class="scroll"><table class="grid calendar">
      <thead><tr><th>${t('board.room')}</th>${nights.map((n) => html`<th>${weekday(n)}</th>`)}</tr></thead>
      <tbody>${data.rooms.map((room) => html`<tr data-room=${room.number}>
        <th scope="row">${room.number} <small>${room.roomType.code}</small></th>
        ${cells(room, data.stays, nights, ctx)}</tr>`)}</tbody>
    </table></div>
    <h2>${t('calendar.unassigned', { count: unassigned.length })}</h2>
    <ul class="unassigned">${unassigned.map((s) => html`<li><button type="button" class="link"
      onClick=${() => ctx.open('stay', { stayId: s.id })}>${s.primaryGuest.fullName} · ${s.confirmationCode}</button></li>`)}</ul>
  </section>`;
}
