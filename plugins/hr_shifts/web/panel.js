// The week's roster for the web front desk: published shifts per person and day from the
// business date, and the coverage gaps per day; below it, draft rosters to publish, swap
// requests to decide, and one person's shifts with a swap request for each.
import { WEEK } from './documents.js';
import { Drafts } from './publish.js';
import { MyShifts } from './myshifts.js';
import { Swaps } from './swaps.js';

export default function Panel({ ctx }) {
  const { html, useEffect, useState, Errors, Loading, asErrors } = ctx.ui;
  const { t } = ctx;
  const { addDays, weekday } = ctx.i18n;
  const days = Array.from({ length: 7 }, (_, i) => addDays(ctx.businessDate, i));
  const [data, setData] = useState(null);
  const [errors, setErrors] = useState([]);
  // bumped after a change here, so every part reads the API again
  const [version, setVersion] = useState(0);
  const changed = () => setVersion(version + 1);
  useEffect(() => {
    ctx.gql(WEEK, { p: ctx.propertyId, s: days[0], e: addDays(days[0], 7) }).then(setData)
      .catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId, ctx.businessDate, version]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!data) return html`<${Loading} />`;
  const shifts = data.shiftsPublishedShifts;
  const people = [...new Map(shifts.filter((s) => s.staff).map((s) => [s.staff.id, s.staff])).values()];
  const gaps = (day) => data.shiftsCoverage.filter((c) => c.day === day && c.gap > 0);
  return html`<h1>${t('hr_shifts.panel.title')}</h1>
    ${people.length === 0 && html`<p>${t('hr_shifts.panel.empty')}</p>`}
    <table class="grid roster"><thead><tr><th>${t('hr_shifts.panel.person')}</th>
      ${days.map((d) => html`<th>${weekday(d)}</th>`)}</tr></thead>
    <tbody>${people.map((person) => html`<tr><th scope="row">${person.name}</th>
      ${days.map((d) => html`<td>${shifts.filter((s) => s.day === d && s.staff && s.staff.id === person.id)
        .map((s) => html`<span class="badge" translate=${false} title=${s.template.name}>${s.template.code}</span> `)}</td>`)}</tr>`)}
      <tr class="gaps"><th scope="row">${t('hr_shifts.panel.gaps')}</th>
      ${days.map((d) => html`<td>${gaps(d).map((g) => html`<span class="badge gap">${t('hr_shifts.panel.gap', { code: g.template.code, count: g.gap })}</span> `)}</td>`)}</tr>
    </tbody></table>
    ${ctx.can('shifts.roster.read') && html`<${Drafts} ctx=${ctx} version=${version} onChange=${changed} />`}
    ${ctx.can('shifts.requests.read') && html`<${Swaps} ctx=${ctx} version=${version} onChange=${changed} />`}
    ${ctx.can('shifts.staff.read') && html`<${MyShifts} ctx=${ctx} version=${version} onChange=${changed} />`}`;
}
