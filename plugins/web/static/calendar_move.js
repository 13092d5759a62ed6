// Moving a stay to another room from the room calendar (moveRoom): a bar dragged onto a room's
// row, or, with the keyboard, the bar's Move button and a form with the rooms. The API decides
// (free, clean for an in-house guest, big enough); a refusal is shown beside the room field.
import { mutate } from './api.js';
import { MOVE_ON_CALENDAR } from './documents_stay.js';
import { t } from './i18n.js';
import { Errors, Field, asErrors, html, otherErrors, useEffect, useRef, useState } from './ui.js';

// Whether the calendar offers to move this stay: the API moves booked and in-house stays
// that have nights left.
export function movable(stay, ctx) {
  return ctx.can('stays.write') && ['BOOKED', 'CHECKED_IN'].includes(stay.status)
    && stay.departure > ctx.businessDate;
}

// The API's errors for moving ``stay`` to ``roomId`` (none: it moved).
export async function moveStay(stay, roomId) {
  try {
    const payload = await mutate(MOVE_ON_CALENDAR, { stayId: stay.id, roomId });
    return payload.errors;
  } catch (error) { return asErrors(error); }
}

// Props a bar (or a stay without a room) gets to be dragged.
export function dragSource(stay, ctx, onDrag) {
  if (!movable(stay, ctx)) return {};
  return {
    draggable: true,
    onDragStart: (event) => { event.dataTransfer.setData('text/plain', stay.id); onDrag(stay); },
  };
}

// Props a room's row gets to take a dropped stay.
export function dropTarget(room, dragging, onDrop) {
  return {
    onDragOver: (event) => { if (dragging) event.preventDefault(); },
    onDrop: (event) => { event.preventDefault(); if (dragging) onDrop(dragging, room.id); },
  };
}

export function MoveButton({ stay, room, onMove }) {
  return html`<button type="button" class="secondary small move" onClick=${() => onMove(stay)}
    aria-label=${t(room ? 'calendar.moveFrom' : 'calendar.assign', { name: stay.primaryGuest.fullName, room: room ? room.number : '' })}>
    ${t('calendar.move')}</button>`;
}

// The move in progress: the room chosen (by a drop, or here) and the API's refusal beside it.
export function MoveForm({ move, rooms, onDone, onCancel }) {
  const { stay } = move;
  const [roomId, setRoomId] = useState(move.roomId || '');
  const [errors, setErrors] = useState(move.errors || []);
  const select = useRef(null);
  useEffect(() => { if (select.current) select.current.focus(); }, [stay.id]);
  async function submit(event) {
    event.preventDefault();
    const refused = await moveStay(stay, roomId);
    if (refused.length) setErrors(refused);
    else onDone(rooms.find((room) => room.id === roomId));
  }
  const id = `move-${stay.id}-room`;
  const options = rooms.filter((room) => !stay.room || room.id !== stay.room.id);
  return html`<form class="card move-form" onSubmit=${submit} onKeyDown=${(e) => e.key === 'Escape' && onCancel()}
      aria-label=${t('calendar.moveTitle', { name: stay.primaryGuest.fullName })}>
    <h2>${t('calendar.moveTitle', { name: stay.primaryGuest.fullName })}</h2>
    <${Field} id=${id} label=${t('calendar.moveTo')} name="roomId" errors=${errors}>
      <select id=${id} ref=${select} value=${roomId} onChange=${(e) => setRoomId(e.target.value)}
          aria-invalid=${errors.some((error) => error.field === 'roomId') ? 'true' : undefined}>
        <option value="">${t('calendar.chooseRoom')}</option>
        ${options.map((room) => html`<option value=${room.id}>${room.number} · ${room.roomType.code} · ${t(`hk.${room.housekeepingStatus}`)}</option>`)}
      </select><//>
    <${Errors} errors=${otherErrors(errors, ['roomId'])} />
    <button type="submit" disabled=${!roomId}>${t('calendar.moveButton')}</button>
    <button type="button" class="secondary" onClick=${onCancel}>${t('common.cancel')}</button>
  </form>`;
}
