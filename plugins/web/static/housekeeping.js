// Housekeeping: rooms by status; set a room's status, or take it out of order with a reason.
import { gql, mutate } from './api.js';
import { HOUSEKEEPING, SET_ROOM_STATUS } from './documents.js';
import { date, t } from './i18n.js';
import { Errors, Field, Loading, asErrors, html, otherErrors, useEffect, useState } from './ui.js';

const STATUSES = ['DIRTY', 'CLEAN', 'INSPECTED', 'OUT_OF_ORDER'];

function RoomRow({ room, ctx, onChange }) {
  const [status, setStatus] = useState(room.housekeepingStatus);
  const [reason, setReason] = useState('');
  const [until, setUntil] = useState('');
  const [errors, setErrors] = useState([]);
  const write = ctx.can('rooms.status.write');
  async function submit(event) {
    event.preventDefault();
    const input = { roomId: room.id, status };
    if (status === 'OUT_OF_ORDER') Object.assign(input, { reason, outOfOrderFrom: ctx.businessDate, outOfOrderUntil: until || null });
    const payload = await mutate(SET_ROOM_STATUS, input);
    if (payload.errors.length) setErrors(payload.errors);
    else { setErrors([]); onChange(); }
  }
  const id = (name) => `room-${room.id}-${name}`;
  return html`<tr data-room=${room.number}>
    <td>${room.number}</td><td>${room.roomType.name}</td>
    <td><span class=${`badge hk-${room.housekeepingStatus}`}>${t(`hk.${room.housekeepingStatus}`)}</span>
      ${room.outOfOrderReason && html` ${room.outOfOrderReason} (${date(room.outOfOrderFrom)} – ${date(room.outOfOrderUntil)})`}</td>
    <td>${write && html`<form class="inline-form" onSubmit=${submit} aria-label=${t('hk.setFor', { room: room.number })}>
      <${Field} id=${id('status')} label=${t('hk.newStatus')} name="status" errors=${errors}>
        <select id=${id('status')} value=${status} onChange=${(e) => setStatus(e.target.value)}>
          ${STATUSES.map((s) => html`<option value=${s}>${t(`hk.${s}`)}</option>`)}</select><//>
      ${status === 'OUT_OF_ORDER' && html`
        <${Field} id=${id('reason')} label=${t('hk.reason')} name="reason" errors=${errors}>
          <input id=${id('reason')} value=${reason} onInput=${(e) => setReason(e.target.value)} /><//>
        <${Field} id=${id('until')} label=${t('hk.until')} name="outOfOrderUntil" errors=${errors}>
          <input id=${id('until')} type="date" value=${until} onInput=${(e) => setUntil(e.target.value)} /><//>`}
      <${Errors} errors=${otherErrors(errors, ['status', 'reason', 'outOfOrderUntil'])} />
      <button type="submit" aria-label=${t('hk.setFor', { room: room.number })}>${t('hk.set')}</button>
    </form>`}</td></tr>`;
}

export function Housekeeping({ ctx }) {
  const [rooms, setRooms] = useState(null);
  const [filter, setFilter] = useState('ALL');
  const [errors, setErrors] = useState([]);
  const reload = () => gql(HOUSEKEEPING, { p: ctx.propertyId }).then((data) => setRooms(data.rooms.nodes)).catch((error) => setErrors(asErrors(error)));
  useEffect(() => { reload(); }, [ctx.propertyId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!rooms) return html`<${Loading} />`;
  const shown = rooms.filter((room) => filter === 'ALL' || room.housekeepingStatus === filter);
  return html`<section aria-labelledby="hk-title">
    <h1 id="hk-title">${t('hk.title')}</h1>
    <div role="group" aria-label=${t('hk.filter')} class="toolbar">
      ${['ALL', ...STATUSES].map((s) => html`<button type="button" class="chip" aria-pressed=${filter === s}
        onClick=${() => setFilter(s)}>${t(`hk.${s}`)} (${s === 'ALL' ? rooms.length : rooms.filter((r) => r.housekeepingStatus === s).length})</button>`)}
    </div>
    <table class="grid"><thead><tr><th>${t('board.room')}</th><th>${t('board.roomType')}</th>
      <th>${t('board.housekeeping')}</th><th>${t('hk.change')}</th></tr></thead>
      <tbody>${shown.map((room) => html`<${RoomRow} room=${room} ctx=${ctx} onChange=${reload}
        key=${`${room.id}-${room.housekeepingStatus}`} />`)}</tbody></table>
  </section>`;
}
