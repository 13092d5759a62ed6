// Night audit: run it for the property, watch its progress and read the report (occupancy,
// ADR, RevPAR). Progress is what the live events say while the mutation runs: the audit started
// (its own commit), each stay's night charged (folio.charge_posted, one commit per stay; the
// event names the folio, not the stay), no-shows marked, the audit completed. The API tells no
// total of stays due, so there is no percentage.
import { gql, mutate } from './api.js';
import { AUDIT_EVENTS, NIGHT_AUDIT_REPORT, RUN_NIGHT_AUDIT } from './documents_stay.js';
import { addDays, date, number, percent, t } from './i18n.js';
import { subscribe } from './live.js';
import { Errors, Loading, Money, asErrors, html, useEffect, useState } from './ui.js';

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

// One subscription to a property's audit events, shared by its screen and the run being
// watched: a subscription per screen would lose the events sent between the old screen's
// unsubscribe and the new one's subscribe, so the run holds the feed until its last event.
const feeds = new Map();

function hold(propertyId, screen) {
  let feed = feeds.get(propertyId);
  if (!feed) {
    feed = { holders: 0, live: false, screens: new Set() };
    feed.end = subscribe(AUDIT_EVENTS, { p: propertyId }, (event) => {
      const run = runs.get(propertyId);
      if (!event || !run || !run.watching) return;
      run.progress = advance(run.progress, event);
      // the last event of a run; it may arrive after the mutation's answer, so it ends the watch
      if (event.name === 'night_audit.completed') stopWatching(propertyId);
      feed.screens.forEach((shown) => shown.setProgress(run.progress));
    }, () => {
      feed.live = true;
      feed.screens.forEach((shown) => shown.setLive(true));
    });
    feeds.set(propertyId, feed);
  }
  feed.holders += 1;
  if (screen) {
    feed.screens.add(screen);
    // the screen read the run's progress when it first rendered; events that came between
    // then and now (its effects run later) were shown to no screen
    const run = runs.get(propertyId);
    if (run) screen.setProgress(run.progress);
    if (feed.live) screen.setLive(true); // subscribed before the screen was added
  }
  return () => {
    feed.holders -= 1;
    if (screen) feed.screens.delete(screen);
    if (feed.holders === 0) {
      feed.end();
      feeds.delete(propertyId);
    }
  };
}

function stopWatching(propertyId) {
  const run = runs.get(propertyId);
  if (!run || !run.watching) return;
  run.watching = false;
  window.clearTimeout(run.timer);
  run.release();
}

// Events still coming after the mutation's answer are awaited this long at most.
const LATE_EVENTS_MS = 60_000;

export function NightAudit({ ctx }) {
  const [report, setReport] = useState(undefined);
  const [running, setRunning] = useState(false);
  const [errors, setErrors] = useState([]);
  const [progress, setProgress] = useState(runs.get(ctx.propertyId)?.progress ?? null);
  const [live, setLive] = useState(feeds.get(ctx.propertyId)?.live ?? false);
  const shown = addDays(ctx.businessDate, -1);
  const change = (fold) => {
    const run = runs.get(ctx.propertyId);
    run.progress = fold(run.progress);
    setProgress(run.progress);
  };
  useEffect(() => hold(ctx.propertyId, { setProgress, setLive }), [ctx.propertyId]);
  useEffect(() => {
    if (!ctx.can('reports.read')) { setReport(null); return; }
    gql(NIGHT_AUDIT_REPORT, { p: ctx.propertyId, d: shown }).then((data) => setReport(data.nightAuditReport))
      .catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId, ctx.businessDate]);
  async function run() {
    stopWatching(ctx.propertyId);
    runs.set(ctx.propertyId, { progress: NO_PROGRESS, watching: true, release: hold(ctx.propertyId) });
    setProgress(NO_PROGRESS);
    setRunning(true);
    try {
      const payload = await mutate(RUN_NIGHT_AUDIT, { propertyId: ctx.propertyId });
      if (payload.errors.length) { setErrors(payload.errors); stopWatching(ctx.propertyId); } else {
        setErrors([]); setReport(payload.report);
        // the API's answer says the audit completed, whatever the live events got through
        change((now) => ({ ...now, completed: payload.report.businessDate }));
        const watched = runs.get(ctx.propertyId);
        if (live && watched.watching) {
          watched.timer = window.setTimeout(() => stopWatching(ctx.propertyId), LATE_EVENTS_MS);
        } else stopWatching(ctx.propertyId);
        ctx.reloadProperties();
      }
    } catch (error) { setErrors(asErrors(error)); stopWatching(ctx.propertyId); }
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
