// Night audit: run it for the property, watch its progress and read the report (occupancy,
// ADR, RevPAR). Progress is what the live events say while the mutation runs: the audit started
// (its own commit), each stay's night charged (folio.charge_posted, one commit per stay; the
// event names the folio, not the stay), no-shows marked, the audit completed. The API tells no
// total of stays due, so there is no percentage.
import { gql, mutate } from './api.js';
import { addDays, date, number, percent, t } from './i18n.js';
import { subscribe } from './live.js';
import { Errors, Loading, Money, asErrors, html, useEffect, useState } from './ui.js';

const AUDIT_EVENTS = `subscription($p: ID!) {
  events(propertyId: $p, types: ["night_audit", "folio.charge_posted", "stay.no_show"]) {
    name folioId businessDate } }`;
const NO_PROGRESS = { started: null, folios: [], noShows: 0, completed: null };

// One event folded into the progress of the run being watched.
function advance(progress, event) {
  if (event.name === 'night_audit.started') return { ...progress, started: event.businessDate };
  if (event.name === 'night_audit.completed') return { ...progress, completed: event.businessDate };
  if (event.name === 'stay.no_show') return { ...progress, noShows: progress.noShows + 1 };
  if (event.name === 'folio.charge_posted' && event.folioId && !progress.folios.includes(event.folioId)) {
    return { ...progress, folios: [...progress.folios, event.folioId] };
  }
  return progress;
}

function Progress({ progress, running }) {
  const step = (done, text, key) => html`<li class=${done ? 'done' : ''} data-step=${key}>${text}</li>`;
  return html`<div class="card" aria-label=${t('audit.progress')}>
    <h2>${t('audit.progress')}
      ${running && html` <span class="spinner" role="img" aria-label=${t('audit.running')}></span>`}</h2>
    <ul class="progress">
      ${step(progress.started, progress.started ? t('audit.started', { date: date(progress.started) })
        : t('audit.waiting'), 'started')}
      ${step(progress.folios.length > 0, t('audit.foliosCharged', { count: number(progress.folios.length) }), 'folios')}
      ${step(progress.noShows > 0, t('audit.noShowsMarked', { count: number(progress.noShows) }), 'noShows')}
      ${step(progress.completed, progress.completed ? t('audit.completed', { date: date(progress.completed) })
        : t('audit.notCompleted'), 'completed')}
    </ul></div>`;
}

const REPORT = `businessDate status currency roomsSold roomsAvailable occupancyPercent roomRevenue { amount currency }
  adr { amount currency } revpar { amount currency } noShows completedAt`;

function Report({ report }) {
  const cur = report.currency;
  const item = (key, value) => html`<div><dt>${t(key)}</dt><dd data-testid=${key}>${value}</dd></div>`;
  return html`<dl class="facts report" aria-label=${t('audit.report', { date: date(report.businessDate) })}>
    ${item('audit.date', date(report.businessDate))}
    ${item('audit.occupancy', percent(report.occupancyPercent))}
    ${item('audit.adr', html`<${Money} value=${report.adr} currency=${cur} />`)}
    ${item('audit.revpar', html`<${Money} value=${report.revpar} currency=${cur} />`)}
    ${item('audit.roomsSold', `${number(report.roomsSold)} / ${number(report.roomsAvailable)}`)}
    ${item('audit.roomRevenue', html`<${Money} value=${report.roomRevenue} currency=${cur} />`)}
    ${item('audit.noShows', number(report.noShows))}
  </dl>`;
}

// The run being watched, per property, outside the screen: closing the date changes the
// business date, which mounts the screen anew (app.js keys it by date) while events still come.
const runs = new Map();

export function NightAudit({ ctx }) {
  const [report, setReport] = useState(undefined);
  const [running, setRunning] = useState(false);
  const [errors, setErrors] = useState([]);
  const [progress, setProgress] = useState(runs.get(ctx.propertyId)?.progress ?? null);
  const [live, setLive] = useState(false);
  const shown = addDays(ctx.businessDate, -1);
  const change = (fold, watching) => {
    const run = runs.get(ctx.propertyId);
    run.progress = fold(run.progress);
    if (watching !== undefined) run.watching = watching;
    setProgress(run.progress);
  };
  useEffect(() => subscribe(AUDIT_EVENTS, { p: ctx.propertyId }, (event) => {
    const run = runs.get(ctx.propertyId);
    if (!event || !run || !run.watching) return;
    // the last event of a run; it may arrive after the mutation's answer, so it ends the watch
    change((now) => advance(now, event), event.name !== 'night_audit.completed');
  }, () => setLive(true)), [ctx.propertyId]);
  useEffect(() => {
    if (!ctx.can('reports.read')) { setReport(null); return; }
    gql(`query($p: ID!, $d: Date!) { nightAuditReport(propertyId: $p, businessDate: $d) { ${REPORT} } }`,
      { p: ctx.propertyId, d: shown }).then((data) => setReport(data.nightAuditReport))
      .catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId, ctx.businessDate]);
  async function run() {
    runs.set(ctx.propertyId, { progress: NO_PROGRESS, watching: true });
    setProgress(NO_PROGRESS);
    setRunning(true);
    try {
      const payload = await mutate('runNightAudit', 'RunNightAuditInput', { propertyId: ctx.propertyId }, `report { ${REPORT} }`);
      if (payload.errors.length) { setErrors(payload.errors); change((now) => now, false); } else {
        setErrors([]); setReport(payload.report);
        // the API's answer says the audit completed, whatever the live events got through
        change((now) => ({ ...now, completed: payload.report.businessDate }), live);
        ctx.reloadProperties();
      }
    } catch (error) { setErrors(asErrors(error)); change((now) => now, false); }
    setRunning(false);
  }
  return html`<section aria-labelledby="audit-title" data-live=${live ? 'on' : 'off'}>
    <h1 id="audit-title">${t('audit.title')}</h1>
    <p>${t('audit.explain', { date: date(ctx.property.businessDate) })}</p>
    ${ctx.can('night_audit.run') ? html`<button type="button" onClick=${run} disabled=${running}>
      ${t('audit.run', { date: date(ctx.property.businessDate) })}</button>` : null}
    ${running && html`<p aria-live="polite">${t('audit.running')}</p>`}
    ${progress && html`<${Progress} progress=${progress} running=${running} />`}
    <${Errors} errors=${errors} />
    ${report === undefined ? html`<${Loading} />` : report === null
      ? html`<p>${t('audit.none', { date: date(shown) })}</p>` : html`<${Report} report=${report} />`}
  </section>`;
}
