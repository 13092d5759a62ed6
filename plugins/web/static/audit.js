// Night audit: run it for the property and read the report (occupancy, ADR, RevPAR).
import { gql, mutate } from './api.js';
import { addDays, date, number, percent, t } from './i18n.js';
import { Errors, Loading, Money, asErrors, html, useEffect, useState } from './ui.js';

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

export function NightAudit({ ctx }) {
  const [report, setReport] = useState(undefined);
  const [running, setRunning] = useState(false);
  const [errors, setErrors] = useState([]);
  const shown = addDays(ctx.businessDate, -1);
  useEffect(() => {
    if (!ctx.can('reports.read')) { setReport(null); return; }
    gql(`query($p: ID!, $d: Date!) { nightAuditReport(propertyId: $p, businessDate: $d) { ${REPORT} } }`,
      { p: ctx.propertyId, d: shown }).then((data) => setReport(data.nightAuditReport))
      .catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId, ctx.businessDate]);
  async function run() {
    setRunning(true);
    try {
      const payload = await mutate('runNightAudit', 'RunNightAuditInput', { propertyId: ctx.propertyId }, `report { ${REPORT} }`);
      if (payload.errors.length) setErrors(payload.errors);
      else { setErrors([]); setReport(payload.report); ctx.reloadProperties(); }
    } catch (error) { setErrors(asErrors(error)); }
    setRunning(false);
  }
  return html`<section aria-labelledby="audit-title">
    <h1 id="audit-title">${t('audit.title')}</h1>
    <p>${t('audit.explain', { date: date(ctx.property.businessDate) })}</p>
    ${ctx.can('night_audit.run') ? html`<button type="button" onClick=${run} disabled=${running}>
      ${t('audit.run', { date: date(ctx.property.businessDate) })}</button>` : null}
    ${running && html`<p aria-live="polite">${t('audit.running')}</p>`}
    <${Errors} errors=${errors} />
    ${report === undefined ? html`<${Loading} />` : report === null
      ? html`<p>${t('audit.none', { date: date(shown) })}</p>` : html`<${Report} report=${report} />`}
  </section>`;
}
