// Swap requests waiting for a planner (shiftsSwapRequests, shiftsDecideSwap): approve (the
// shift moves to the colleague if the labour rules allow; a refusal lists the rules, and the
// planner may approve anyway where the API accepts it) or refuse.
import { DECIDE_SWAP, PENDING_SWAPS } from './documents.js';

export function Swaps({ ctx, version, onChange }) {
  const { html, useEffect, useState, Errors, Loading, asErrors } = ctx.ui;
  const { t } = ctx;
  const { date } = ctx.i18n;
  const [swaps, setSwaps] = useState(null);
  const [errors, setErrors] = useState({});
  useEffect(() => {
    ctx.gql(PENDING_SWAPS, { p: ctx.propertyId }).then((data) => setSwaps(data.shiftsSwapRequests.nodes))
      .catch((error) => setErrors({ all: asErrors(error) }));
  }, [ctx.propertyId, version]);
  async function decide(swap, approve, acceptViolations = false) {
    try {
      const payload = await ctx.mutate(DECIDE_SWAP, { swapId: swap.id, approve, acceptViolations });
      if (payload.errors.length) setErrors({ ...errors, [swap.id]: payload.errors });
      else { setErrors({}); onChange(); }
    } catch (error) { setErrors({ ...errors, [swap.id]: asErrors(error) }); }
  }
  if (errors.all) return html`<${Errors} errors=${errors.all} />`;
  if (!swaps) return html`<${Loading} />`;
  const planner = ctx.can('shifts.roster.write');
  const what = (s) => t('hr_shifts.panel.swap', {
    day: date(s.assignment.day), shift: s.assignment.template.code, from: s.fromStaff.name, to: s.toStaff.name,
  });
  return html`<section aria-labelledby="shifts-swaps"><h2 id="shifts-swaps">${t('hr_shifts.panel.swaps')}</h2>
    ${swaps.length === 0 ? html`<p>${t('hr_shifts.panel.noSwaps')}</p>` : html`<ul class="swaps">
      ${swaps.map((s) => html`<li data-swap=${s.id}><span translate=${false}>${what(s)}</span>
        ${s.note && html` <q translate=${false}>${s.note}</q>`}
        ${planner && html` <button type="button" onClick=${() => decide(s, true)}
            aria-label=${t('hr_shifts.panel.approveOf', { what: what(s) })}>${t('hr_shifts.panel.approve')}</button>
          <button type="button" class="secondary" onClick=${() => decide(s, false)}
            aria-label=${t('hr_shifts.panel.refuseOf', { what: what(s) })}>${t('hr_shifts.panel.refuse')}</button>`}
        <${Errors} errors=${errors[s.id]} />
        ${planner && errors[s.id] && html`<button type="button" class="secondary" onClick=${() => decide(s, true, true)}>
          ${t('hr_shifts.panel.approveAnyway')}</button>`}</li>`)}</ul>`}
  </section>`;
}
