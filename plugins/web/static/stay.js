// One stay: who, when, where; check-in (a clean, free room of its type), room move, the folios
// and check-out.
import { gql, mutate } from './api.js';
import { date, t } from './i18n.js';
import { Errors, Field, Loading, Money, asErrors, html, otherErrors, useEffect, useState } from './ui.js';
import { CANCEL_STAY, CHECK_IN, CHECK_OUT, FREE_ROOMS, MODIFY_STAY, MOVE_ROOM, STAY, STAY_WITH_FOLIOS }
  from './documents_stay.js';
import { Folios } from './folio.js';

const READY = ['CLEAN', 'INSPECTED'];

// The stay's document: its folios only for a user who may read them.
function stayQuery(ctx) {
  return ctx.can('folios.read') ? STAY_WITH_FOLIOS : STAY;
}

async function readyRooms(stay, businessDate) {
  const from = stay.arrival > businessDate ? stay.arrival : businessDate;
  const data = await gql(FREE_ROOMS, { p: stay.property.id, a: from, d: stay.departure, rt: stay.roomType.id });
  const rooms = data.availability.roomTypes.flatMap((type) => type.freeRooms);
  return rooms.filter((room) => READY.includes(room.housekeepingStatus));
}

function RoomAction({ stay, ctx, title, action, button, onDone }) {
  const [rooms, setRooms] = useState(null);
  const [roomId, setRoomId] = useState('');
  const [errors, setErrors] = useState([]);
  useEffect(() => {
    readyRooms(stay, ctx.businessDate).then((found) => {
      setRooms(found);
      setRoomId(found.length ? found[0].id : '');
    }).catch((error) => setErrors(asErrors(error)));
  }, [stay.id, stay.status]);
  async function submit(event) {
    event.preventDefault();
    const payload = await mutate(action === 'checkIn' ? CHECK_IN : MOVE_ROOM, { stayId: stay.id, roomId });
    if (payload.errors.length) setErrors(payload.errors);
    else onDone();
  }
  if (!rooms) return html`<${Loading} />`;
  const id = `${action}-room`;
  return html`<form class="card" onSubmit=${submit} aria-label=${title}>
    <h2>${title}</h2>
    ${rooms.length === 0 ? html`<p>${t('stay.noReadyRoom')}</p>` : html`
      <${Field} id=${id} label=${t('stay.room')} name="roomId" errors=${errors}>
        <select id=${id} value=${roomId} onChange=${(e) => setRoomId(e.target.value)}>
          ${rooms.map((room) => html`<option value=${room.id}>${room.number} · ${t(`hk.${room.housekeepingStatus}`)}</option>`)}
        </select>
      <//>
      <${Errors} errors=${otherErrors(errors, ['roomId'])} />
      <button type="submit">${button}</button>`}
  </form>`;
}

function CheckOut({ stay, onDone }) {
  const [errors, setErrors] = useState([]);
  async function checkOut() {
    const payload = await mutate(CHECK_OUT, { stayId: stay.id });
    setErrors(payload.errors);
    // a refused check-out may still have charged a day use: show the folio as it now is
    onDone();
  }
  return html`<div class="card"><h2>${t('stay.checkOut')}</h2>
    <${Errors} errors=${errors} />
    <button type="button" onClick=${checkOut}>${t('stay.checkOutButton')}</button></div>`;
}

function ChangeStay({ stay, onDone }) {
  const [dates, setDates] = useState({ arrival: stay.arrival, departure: stay.departure });
  const [reason, setReason] = useState('');
  const [errors, setErrors] = useState([]);
  async function run(document, input) {
    const payload = await mutate(document, input);
    if (payload.errors.length) setErrors(payload.errors);
    else { setErrors([]); onDone(); }
  }
  function modify(event) {
    event.preventDefault();
    run(MODIFY_STAY, { stayId: stay.id, ...dates });
  }
  const bind = (name) => ({ value: dates[name], onInput: (e) => setDates({ ...dates, [name]: e.target.value }) });
  return html`<form class="card" onSubmit=${modify} aria-label=${t('stay.change')}>
    <h2>${t('stay.change')}</h2>
    <${Field} id="modify-arrival" label=${t('stay.arrival')} name="arrival" errors=${errors}>
      <input id="modify-arrival" type="date" ...${bind('arrival')} /><//>
    <${Field} id="modify-departure" label=${t('stay.departure')} name="departure" errors=${errors}>
      <input id="modify-departure" type="date" ...${bind('departure')} /><//>
    <button type="submit">${t('stay.changeButton')}</button>
    <${Field} id="cancel-reason" label=${t('stay.cancelReason')} name="reason" errors=${errors}>
      <input id="cancel-reason" value=${reason} onInput=${(e) => setReason(e.target.value)} /><//>
    <${Errors} errors=${otherErrors(errors, ['arrival', 'departure', 'reason'])} />
    <button type="button" class="secondary"
      onClick=${() => run(CANCEL_STAY, { stayId: stay.id, reason: reason || null })}>
      ${t('stay.cancelButton')}</button>
  </form>`;
}

function Facts({ stay, ctx }) {
  const guest = stay.primaryGuest;
  const fact = (label, value) => value !== null && value !== undefined && value !== ''
    && html`<div><dt>${label}</dt><dd>${value}</dd></div>`;
  return html`<dl class="facts">
    ${fact(t('stay.guest'), html`${guest.fullName}${guest.vip ? html` <span class="badge vip">${t('board.vip')}</span>` : ''}`)}
    ${fact(t('stay.code'), stay.confirmationCode)}
    ${fact(t('board.status'), t(`stayStatus.${stay.status}`))}
    ${fact(t('stay.arrival'), date(stay.arrival))}
    ${fact(t('stay.departure'), date(stay.departure))}
    ${fact(t('stay.nights'), stay.nights)}
    ${fact(t('stay.guests'), t('stay.guestCount', { adults: stay.adults, children: stay.children }))}
    ${fact(t('board.roomType'), stay.roomType.name)}
    ${fact(t('board.room'), stay.room && `${stay.room.number} · ${t(`hk.${stay.room.housekeepingStatus}`)}`)}
    ${fact(t('stay.email'), guest.email)}
    ${fact(t('stay.phone'), guest.phone)}
    ${fact(t('stay.dateOfBirth'), guest.dateOfBirth && date(guest.dateOfBirth))}
    ${ctx.can('folios.read') && fact(t('board.balance'), html`<${Money} value=${stay.balance} testid="stay-balance" />`)}
  </dl>`;
}

export function StayView({ ctx, stayId }) {
  const [stay, setStay] = useState(null);
  const [errors, setErrors] = useState([]);
  const reload = () => gql(stayQuery(ctx), { id: stayId })
    .then((data) => setStay(data.stay)).catch((error) => setErrors(asErrors(error)));
  useEffect(() => { reload(); }, [stayId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!stay) return html`<${Loading} />`;
  const write = ctx.can('stays.write');
  return html`<section aria-labelledby="stay-title" data-stay-id=${stay.id}>
    <h1 id="stay-title">${t('stay.title', { name: stay.primaryGuest.fullName, code: stay.confirmationCode })}</h1>
    <${Facts} stay=${stay} ctx=${ctx} />
    <div class="cards">
      ${write && stay.status === 'BOOKED' && html`<${RoomAction} stay=${stay} ctx=${ctx} action="checkIn"
        title=${t('stay.checkIn')} button=${t('stay.checkInButton')} onDone=${reload} />`}
      ${write && stay.status === 'BOOKED' && html`<${ChangeStay} stay=${stay} onDone=${reload} key=${stay.departure} />`}
      ${write && stay.status === 'CHECKED_IN' && html`<${RoomAction} stay=${stay} ctx=${ctx} action="moveRoom"
        title=${t('stay.move')} button=${t('stay.moveButton')} onDone=${reload} />`}
      ${write && stay.status === 'CHECKED_IN' && html`<${CheckOut} stay=${stay} onDone=${reload} />`}
    </div>
    ${ctx.can('folios.read') && stay.folios && html`<${Folios} stay=${stay} ctx=${ctx} onChange=${reload} />`}
  </section>`;
}
