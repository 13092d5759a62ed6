// Exports of the journal to download (accountingExport): a format and a date range; the API
// renders the file's text, and the browser saves it under the API's file name from a blob
// (nothing leaves the page for another host; no inline script).
import { EXPORT } from './documents.js';

const FORMATS = ['HLEDGER', 'BEANCOUNT', 'CSV', 'JSON'];

function monthStart(iso) {
  return `${iso.slice(0, 8)}01`;
}

export function Exports({ ctx }) {
  const { html, useEffect, useState, Errors, asErrors } = ctx.ui;
  const { t } = ctx;
  const [values, setValues] = useState({ format: 'CSV', start: monthStart(ctx.businessDate), end: ctx.businessDate });
  const [file, setFile] = useState(null);
  const [errors, setErrors] = useState([]);
  // an object URL lives as long as the link that offers it
  useEffect(() => () => file && URL.revokeObjectURL(file.url), [file]);
  const bind = (name) => ({ value: values[name], onInput: (e) => { setFile(null); setValues({ ...values, [name]: e.target.value }); } });
  async function submit(event) {
    event.preventDefault();
    setErrors([]);
    try {
      const data = await ctx.gql(EXPORT, { p: ctx.propertyId, f: values.format, s: values.start || null, e: values.end || null });
      const made = data.accountingExport;
      if (!made) { setErrors([{ message: t('accounting_bridge.panel.exportRefused') }]); return; }
      const url = URL.createObjectURL(new Blob([made.text], { type: made.contentType }));
      setFile({ url, name: made.filename, size: made.text.length });
    } catch (error) { setErrors(asErrors(error)); }
  }
  const id = (name) => `export-${name}`;
  return html`<form class="card exports" onSubmit=${submit} aria-label=${t('accounting_bridge.panel.exports')}>
    <h2>${t('accounting_bridge.panel.exports')}</h2>
    <div class="field"><label for=${id('format')}>${t('accounting_bridge.panel.format')}</label>
      <select id=${id('format')} value=${values.format} onChange=${bind('format').onInput}>
        ${FORMATS.map((f) => html`<option value=${f}>${t(`accounting_bridge.format.${f}`)}</option>`)}</select></div>
    <div class="field"><label for=${id('start')}>${t('accounting_bridge.panel.from')}</label>
      <input id=${id('start')} type="date" ...${bind('start')} /></div>
    <div class="field"><label for=${id('end')}>${t('accounting_bridge.panel.to')}</label>
      <input id=${id('end')} type="date" ...${bind('end')} /></div>
    <${Errors} errors=${errors} />
    <button type="submit">${t('accounting_bridge.panel.prepare')}</button>
    ${file && html`<p><a href=${file.url} download=${file.name} data-export=${file.name}>
      ${t('accounting_bridge.panel.download', { name: file.name })}</a></p>`}
  </form>`;
}
