// The week's roster for the web front desk: published shifts per person and day from the
// business date, and the coverage gaps per day.
const QUERY = `query($p: ID!, $s: Date!, $e: Date!) {
  shiftsPublishedShifts(propertyId: $p, start: $s, end: $e) { id day staff { id name } template { code name } }
  shiftsCoverage(propertyId: $p, start: $s, end: $e) { day gap template { code } } }`;

export default function Panel({ ctx }) {
  const { html, useEffect, useState, Errors, Loading, asErrors } = ctx.ui;
  const { t } = ctx;
  const { addDays, weekday } = ctx.i18n;
  const days = Array.from({ length: 7 }, (_, i) => addDays(ctx.businessDate, i));
  const [data, setData] = useState(null);
  const [errors, setErrors] = useState([]);
  useEffect(() => {
    ctx.gql(QUERY, { p: ctx.propertyId, s: days[0], e: addDays(days[0], 7) }).then(setData)
      .catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId, ctx.businessDate]);
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
    </tbody></table>`;
}
