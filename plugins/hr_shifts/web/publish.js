// Draft rosters waiting to be published (shiftsRosters, shiftsPublishRoster): each with its
// dates, how many rules it breaks now, and a Publish button for planners.
import { DRAFTS, PUBLISH_ROSTER } from './documents.js';

export function Drafts({ ctx, version, onChange }) {
  const { html, useEffect, useState, Errors, Loading, asErrors } = ctx.ui;
  const { t } = ctx;
  const { date } = ctx.i18n;
  const [rosters, setRosters] = useState(null);
  const [errors, setErrors] = useState({});
  useEffect(() => {
    ctx.gql(DRAFTS, { p: ctx.propertyId }).then((data) => setRosters(data.shiftsRosters.nodes))
      .catch((error) => setErrors({ all: asErrors(error) }));
  }, [ctx.propertyId, version]);
  async function publish(roster) {
    try {
      const payload = await ctx.mutate(PUBLISH_ROSTER, { rosterId: roster.id });
      if (payload.errors.length) setErrors({ [roster.id]: payload.errors });
      else { setErrors({}); onChange(); }
    } catch (error) { setErrors({ [roster.id]: asErrors(error) }); }
  }
  if (errors.all) return html`<${Errors} errors=${errors.all} />`;
  if (!rosters) return html`<${Loading} />`;
  const range = (r) => `${date(r.startsOn)} – ${date(ctx.i18n.addDays(r.endsOn, -1))}`;
  return html`<section aria-labelledby="shifts-drafts"><h2 id="shifts-drafts">${t('hr_shifts.panel.drafts')}</h2>
    ${rosters.length === 0 ? html`<p>${t('hr_shifts.panel.noDrafts')}</p>` : html`<ul class="drafts">
      ${rosters.map((r) => html`<li data-roster=${r.id}>
        ${t('hr_shifts.panel.draft', { range: range(r), shifts: r.assignments.length, broken: r.violations.length })}
        ${ctx.can('shifts.roster.write') && html` <button type="button" onClick=${() => publish(r)}
          aria-label=${t('hr_shifts.panel.publishRange', { range: range(r) })}>${t('hr_shifts.panel.publish')}</button>`}
        <${Errors} errors=${errors[r.id]} /></li>`)}</ul>`}
  </section>`;
}
