// Room calendar (tape chart): rooms x 14 nights from the business date, the stays on them.
// A stay opens from its bar; it moves to another room by dragging its bar onto the room's row,
// or with the keyboard through its Move button (calendar_move.js).
import { gql } from './api.js';
import { BOARD_EVENTS, CALENDAR } from './documents.js';
import { addDays, t, weekday } from './i18n.js';
import { Errors, Loading, asErrors, html, useEffect, useState } from './ui.js';
import { debounced, subscribe } from './live.js';
import { MoveButton, MoveForm, dragSource, dropTarget, moveStay, movable } from './calendar_move.js';

const NIGHTS = 14;

async function load(ctx) {
  const data = await gql(CALENDAR, { p: ctx.propertyId });
  return { rooms: data.rooms.nodes, stays: [...data.booked.nodes, ...data.inHouse.nodes] };
}

function cells(room, stays, nights, view) {
  const { ctx } = view;
  const out = [];
  let index = 0;
  while (index < nights.length) {
    const night = nights[index];
    const stay = stays.find((s) => s.room && s.room.id === room.id && s.arrival <= night && night < s.departure);
    if (!stay) { out.push(html`<td></td>`); index += 1; continue; }
    let span = 0;
    while (index + span < nights.length && nights[index + span] < stay.departure) span += 1;
    out.push(html`<td colspan=${span} class=${`bar ${stay.status}`} data-stay=${stay.id}
        ...${dragSource(stay, ctx, view.setDragging)}><button type="button" class="link"
      onClick=${() => ctx.open('stay', { stayId: stay.id })}
      aria-label=${t('calendar.openStay', { name: stay.primaryGuest.fullName, room: room.number })}>
      ${stay.primaryGuest.fullName}</button>
      ${movable(stay, ctx) && html`<${MoveButton} stay=${stay} room=${room} onMove=${view.startMove} />`}</td>`);
    index += span;
  }
  return out;
}

// The calendar's state for moving stays: what is dragged, the move form, the last move done.
function useMoves(reload) {
  const [dragging, setDragging] = useState(null);
  const [move, setMove] = useState(null);
  const [notice, setNotice] = useState(null);
  const done = (stay, room) => {
    setMove(null); setDragging(null);
    setNotice(t('calendar.moved', { name: stay.primaryGuest.fullName, room: room ? room.number : '' }));
    reload();
  };
  const dropped = async (stay, roomId, rooms) => {
    setDragging(null); setNotice(null);
    if (stay.room && stay.room.id === roomId) return;
    const refused = await moveStay(stay, roomId);
    if (refused.length) setMove({ stay, roomId, errors: refused });
    else done(stay, rooms.find((room) => room.id === roomId));
  };
  const startMove = (stay) => { setNotice(null); setMove({ stay, roomId: '', errors: [] }); };
  return { dragging, setDragging, move, setMove, notice, done, dropped, startMove };
}

export function Calendar({ ctx }) {
  const [data, setData] = useState(null);
  const [errors, setErrors] = useState([]);
  const reload = () => load(ctx).then(setData).catch((error) => setErrors(asErrors(error)));
  const moves = useMoves(reload);
  useEffect(() => {
    reload();
    return subscribe(BOARD_EVENTS, { p: ctx.propertyId }, debounced(reload));
  }, [ctx.propertyId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!data) return html`<${Loading} />`;
  const view = { ctx, setDragging: moves.setDragging, startMove: moves.startMove };
  const nights = Array.from({ length: NIGHTS }, (_, i) => addDays(ctx.businessDate, i));
  const unassigned = data.stays.filter((s) => !s.room && s.arrival < nights[NIGHTS - 1] && s.departure > nights[0]);
  const drop = (stay, roomId) => moves.dropped(stay, roomId, data.rooms);
  return html`<section aria-labelledby="calendar-title">
    <h1 id="calendar-title">${t('calendar.title')}</h1>
    ${ctx.can('stays.write') && html`<p class="muted">${t('calendar.moveHint')}</p>`}
    <p role="status" class="notice">${moves.notice || ''}</p>
    ${moves.move && html`<${MoveForm} move=${moves.move} rooms=${data.rooms} key=${JSON.stringify(moves.move)}
      onDone=${(room) => moves.done(moves.move.stay, room)} onCancel=${() => moves.setMove(null)} />`}
    <div class="scroll"><table class="grid calendar">
      <thead><tr><th>${t('board.room')}</th>${nights.map((n) => html`<th>${weekday(n)}</th>`)}</tr></thead>
      <tbody>${data.rooms.map((room) => html`<tr data-room=${room.number}
          ...${dropTarget(room, moves.dragging, drop)}>
        <th scope="row">${room.number} <small>${room.roomType.code}</small></th>
        ${cells(room, data.stays, nights, view)}</tr>`)}</tbody>
    </table></div>
    <h2>${t('calendar.unassigned', { count: unassigned.length })}</h2>
    <ul class="unassigned">${unassigned.map((s) => html`<li data-stay=${s.id} ...${dragSource(s, ctx, moves.setDragging)}>
      <button type="button" class="link" onClick=${() => ctx.open('stay', { stayId: s.id })}>${s.primaryGuest.fullName} · ${s.confirmationCode}</button>
      ${movable(s, ctx) && html`<${MoveButton} stay=${s} onMove=${moves.startMove} />`}</li>`)}</ul>
  </section>`;
}
