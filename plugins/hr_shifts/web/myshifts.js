// One person's published shifts for the next two weeks (shiftsPublishedShifts with staffId),
// and a swap request for any of them (shiftsRequestSwap). The signed-in user's own staff
// member (ShiftsStaffMember.userId = me.userId) is chosen at once; anyone else of the team
// can be chosen instead.
import { MY_SHIFTS, REQUEST_SWAP, STAFF } from './documents.js';

function SwapForm({ ctx, shift, staff, person, onDone, onCancel }) {
  const { html, useState, Field, Errors, otherErrors } = ctx.ui;
  const { t } = ctx;
  const colleagues = staff.filter((s) => s.id !== person);
  const [to, setTo] = useState(colleagues.length ? colleagues[0].id : '');
  const [note, setNote] = useState('');
  const [errors, setErrors] = useState([]);
  async function submit(event) {
    event.preventDefault();
    const payload = await ctx.mutate(REQUEST_SWAP, { assignmentId: shift.id, toStaffId: to, note });
    if (payload.errors.length) setErrors(payload.errors);
    else { setErrors([]); setNote(''); onDone(); }
  }
  const id = (name) => `swap-${shift.id}-${name}`;
  return html`<form class="inline-form" onSubmit=${submit} aria-label=${t('hr_shifts.panel.requestSwap')}>
    <${Field} id=${id('to')} label=${t('hr_shifts.panel.colleague')} name="toStaffId" errors=${errors}>
      <select id=${id('to')} value=${to} onChange=${(e) => setTo(e.target.value)}>
        ${colleagues.map((c) => html`<option value=${c.id} translate=${false}>${c.name}</option>`)}</select><//>
    <${Field} id=${id('note')} label=${t('hr_shifts.panel.note')} name="note" errors=${errors}>
      <input id=${id('note')} value=${note} onInput=${(e) => setNote(e.target.value)} /><//>
    ${errors.filter((e) => e.field === 'assignmentId').map((e) => html`<span class="error" role="alert"
      data-field="assignmentId">${e.message}</span>`)}
    <${Errors} errors=${otherErrors(errors, ['toStaffId', 'note', 'assignmentId'])} />
    <button type="submit">${t('hr_shifts.panel.sendSwap')}</button>
    <button type="button" class="secondary" onClick=${onCancel}>${t('common.cancel')}</button>
  </form>`;
}

export function MyShifts({ ctx, version, onChange }) {
  const { html, useEffect, useState, Errors, asErrors } = ctx.ui;
  const { t } = ctx;
  const { addDays, date } = ctx.i18n;
  const [staff, setStaff] = useState([]);
  const [person, setPerson] = useState('');
  const [shifts, setShifts] = useState(null);
  const [errors, setErrors] = useState([]);
  const [asking, setAsking] = useState(null);
  useEffect(() => {
    ctx.gql(STAFF, { p: ctx.propertyId }).then((data) => {
      const team = data.shiftsStaff.nodes;
      const own = ctx.me.userId && team.find((s) => s.userId === ctx.me.userId);
      setStaff(team);
      setPerson(own ? own.id : '');
    }).catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId]);
  useEffect(() => {
    if (!person) { setShifts(null); return; }
    ctx.gql(MY_SHIFTS, { p: ctx.propertyId, s: ctx.businessDate, e: addDays(ctx.businessDate, 14), staff: person })
      .then((data) => setShifts(data.shiftsPublishedShifts)).catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId, person, version]);
  const canSwap = ctx.can('shifts.requests.write');
  return html`<section aria-labelledby="shifts-mine"><h2 id="shifts-mine">${t('hr_shifts.panel.myShifts')}</h2>
    <${Errors} errors=${errors} />
    <div class="field"><label for="shifts-person">${t('hr_shifts.panel.whose')}</label>
      <select id="shifts-person" value=${person} onChange=${(e) => setPerson(e.target.value)}>
        <option value="">${t('hr_shifts.panel.choosePerson')}</option>
        ${staff.map((s) => html`<option value=${s.id} translate=${false}>${s.name}</option>`)}</select></div>
    ${shifts && (shifts.length === 0 ? html`<p>${t('hr_shifts.panel.noShifts')}</p>` : html`<table class="grid my-shifts">
      <thead><tr><th>${t('hr_shifts.panel.day')}</th><th>${t('hr_shifts.panel.shift')}</th>
        ${canSwap && html`<th>${t('hr_shifts.panel.requestSwap')}</th>`}</tr></thead>
      <tbody>${shifts.map((s) => html`<tr data-shift=${s.id}><td>${date(s.day)}</td>
        <td translate=${false}>${s.template.code} · ${s.template.name}</td>
        ${canSwap && html`<td>${asking === s.id ? html`<${SwapForm} ctx=${ctx} shift=${s} staff=${staff} person=${person}
            onDone=${() => { setAsking(null); onChange(); }} onCancel=${() => setAsking(null)} />`
          : html`<button type="button" class="secondary small" onClick=${() => setAsking(s.id)}
            aria-label=${t('hr_shifts.panel.swapOf', { day: date(s.day), shift: s.template.code })}>${t('hr_shifts.panel.requestSwap')}</button>`}</td>`}</tr>`)}
      </tbody></table>`)}
  </section>`;
}
