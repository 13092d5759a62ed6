// Today: arrivals, departures and in-house stays of the business date, with filters and a
// search by guest name or confirmation code.
import { gql } from './api.js';
import { BOARD_EVENTS, boardQuery } from './documents.js';
import { date, t } from './i18n.js';
import { Errors, Loading, Money, asErrors, html, useEffect, useState } from './ui.js';
import { debounced, subscribe } from './live.js';

async function loadBoard(ctx) {
  const query = boardQuery(ctx.can('folios.read'));
  const data = await gql(query, { p: ctx.propertyId, d: ctx.businessDate });
  const rows = new Map();
  const add = (kind, stays) => stays.forEach((stay) => {
    if (stay.status === 'CANCELLED') return;
    const row = rows.get(stay.id) || { ...stay, kinds: [] };
    row.kinds.push(kind);
    rows.set(stay.id, row);
  });
  add('arrival', data.arrivals.nodes);
  add('departure', data.departures.nodes);
  add('inHouse', data.inHouse.nodes);
  return [...rows.values()];
}

function matches(row, filter, search) {
  if (filter !== 'all' && !row.kinds.includes(filter)) return false;
  const needle = search.trim().toLowerCase();
  if (!needle) return true;
  return row.primaryGuest.fullName.toLowerCase().includes(needle)
    || row.confirmationCode.toLowerCase().includes(needle);
}

function BoardRow({ row, ctx }) {
  const open = () => ctx.open('stay', { stayId: row.id });
  return html`<tr data-stay=${row.id} data-code=${row.confirmationCode}>
    <td><button type="button" class="link" onClick=${open}
      aria-label=${t('board.openStay', { name: row.primaryGuest.fullName })}>${row.primaryGuest.fullName}</button>
      ${row.primaryGuest.vip && html` <span class="badge vip">${t('board.vip')}</span>`}</td>
    <td>${row.confirmationCode}</td>
    <td>${row.kinds.map((kind) => html`<span class=${`badge ${kind}`}>${t(`board.kind.${kind}`)}</span> `)}</td>
    <td>${t(`stayStatus.${row.status}`)}</td>
    <td>${date(row.arrival)} – ${date(row.departure)}</td>
    <td>${row.room ? row.room.number : '—'}</td>
    <td>${row.roomType.name}</td>
    <td>${row.room ? t(`hk.${row.room.housekeepingStatus}`) : '—'}</td>
    ${ctx.can('folios.read') && html`<td class="num"><${Money} value=${row.balance} testid=${`balance-${row.id}`} /></td>`}
  </tr>`;
}

export function Board({ ctx }) {
  const [rows, setRows] = useState(null);
  const [errors, setErrors] = useState([]);
  const [filter, setFilter] = useState('all');
  const [search, setSearch] = useState('');
  useEffect(() => {
    const reload = () => loadBoard(ctx).then(setRows).catch((error) => setErrors(asErrors(error)));
    reload();
    return subscribe(BOARD_EVENTS, { p: ctx.propertyId }, debounced(reload));
  }, [ctx.propertyId, ctx.businessDate]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!rows) return html`<${Loading} />`;
  const count = (kind) => rows.filter((row) => row.kinds.includes(kind)).length;
  const shown = rows.filter((row) => matches(row, filter, search));
  const filters = ['all', 'arrival', 'departure', 'inHouse'];
  return html`<section aria-labelledby="board-title">
    <h1 id="board-title">${t('board.title', { date: date(ctx.businessDate, 'full') })}</h1>
    <div class="toolbar">
      <div role="group" aria-label=${t('board.filter')}>
        ${filters.map((kind) => html`<button type="button" class="chip" aria-pressed=${filter === kind}
          onClick=${() => setFilter(kind)}>${t(`board.filter.${kind}`)}
          ${kind !== 'all' && html` (${count(kind)})`}</button>`)}
      </div>
      <label class="inline">${t('board.search')}
        <input type="search" value=${search} placeholder=${t('board.searchHint')}
          onInput=${(e) => setSearch(e.target.value)} /></label>
    </div>
    ${shown.length === 0 ? html`<p>${t('board.empty')}</p>` : html`<table class="grid">
      <thead><tr>
        <th>${t('board.guest')}</th><th>${t('board.code')}</th><th>${t('board.today')}</th>
        <th>${t('board.status')}</th><th>${t('board.dates')}</th><th>${t('board.room')}</th>
        <th>${t('board.roomType')}</th><th>${t('board.housekeeping')}</th>
        ${ctx.can('folios.read') && html`<th class="num">${t('board.balance')}</th>`}
      </tr></thead>
      <tbody>${shown.map((row) => html`<${BoardRow} row=${row} ctx=${ctx} key=${row.id} />`)}</tbody>
    </table>`}
  </section>`;
}
