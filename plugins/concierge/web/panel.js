// The concierge's desk in the web front desk: the requests board (open requests, overdue
// first, the API's own order, with guest, room, priority and deadline), the recommendations
// search, the service bookings and the group events, each shown to those who may read it.
import { REQUESTS, REQUEST_EVENTS } from './documents.js';
import { Bookings } from './bookings.js';
import { Events } from './events.js';
import { Recommendations } from './recommendations.js';

export default function Panel({ ctx }) {
  const { html, useEffect, useState, Errors, Loading, asErrors } = ctx.ui;
  const { t } = ctx;
  const { dateTime } = ctx.i18n;
  const [rows, setRows] = useState(null);
  const [errors, setErrors] = useState([]);
  useEffect(() => {
    const reload = () => ctx.gql(REQUESTS, { p: ctx.propertyId })
      .then((data) => setRows(data.conciergeRequests.nodes)).catch((error) => setErrors(asErrors(error)));
    reload();
    return ctx.live.subscribe(REQUEST_EVENTS, { p: ctx.propertyId }, ctx.live.debounced(reload));
  }, [ctx.propertyId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!rows) return html`<${Loading} />`;
  return html`<h1>${t('concierge.panel.title')}</h1>
    ${rows.length === 0 ? html`<p>${t('concierge.panel.empty')}</p>` : html`<table class="grid">
      <thead><tr><th>${t('concierge.panel.deadline')}</th><th>${t('concierge.panel.type')}</th>
        <th>${t('concierge.panel.description')}</th><th>${t('concierge.panel.guest')}</th>
        <th>${t('concierge.panel.room')}</th><th>${t('concierge.panel.priority')}</th>
        <th>${t('concierge.panel.status')}</th><th>${t('concierge.panel.assignee')}</th></tr></thead>
      <tbody>${rows.map((r) => html`<tr data-request=${r.id} class=${r.overdue ? 'overdue' : ''}>
        <td>${r.overdue && html`<span class="badge overdue">${t('concierge.panel.overdue')}</span> `}${dateTime(r.deadlineAt)}</td>
        <td>${t(`concierge.type.${r.type}`)}</td><td>${r.description}</td>
        <td>${r.guest ? r.guest.fullName : ''}</td><td>${r.room ? r.room.number : ''}</td>
        <td>${t(`concierge.priority.${r.priority}`)}</td><td>${t(`concierge.status.${r.status}`)}</td>
        <td>${r.assignee || ''}</td></tr>`)}</tbody></table>`}
    ${ctx.can('concierge.recommendations.read') && html`<${Recommendations} ctx=${ctx} />`}
    ${ctx.can('concierge.bookings.read') && html`<${Bookings} ctx=${ctx} />`}
    ${ctx.can('concierge.events.read') && html`<${Events} ctx=${ctx} />`}`;
}
