// Accounting for the web front desk: the trial balance of the journal and its reconciliation
// with the folio and city-ledger balances in core; exports of the journal to download.
import { LEDGERS } from './documents.js';
import { Exports } from './exports.js';

export default function Panel({ ctx }) {
  const { html, useEffect, useState, Errors, Loading, Money, asErrors } = ctx.ui;
  const { t } = ctx;
  const cur = ctx.property.currency;
  const [data, setData] = useState(null);
  const [errors, setErrors] = useState([]);
  useEffect(() => {
    ctx.gql(LEDGERS, { p: ctx.propertyId }).then(setData).catch((error) => setErrors(asErrors(error)));
  }, [ctx.propertyId]);
  if (errors.length) return html`<${Errors} errors=${errors} />`;
  if (!data) return html`<${Loading} />`;
  const tb = data.accountingTrialBalance;
  const rec = data.accountingReconciliation;
  const check = (name, c) => html`<tr><td>${t(`accounting_bridge.panel.${name}`)}</td>
    <td class="num"><${Money} value=${c.journal} currency=${cur} /></td>
    <td class="num"><${Money} value=${c.core} currency=${cur} /></td>
    <td class="num"><${Money} value=${c.difference} currency=${cur} /></td>
    <td>${t(c.reconciled ? 'accounting_bridge.panel.reconciled' : 'accounting_bridge.panel.notReconciled')}</td></tr>`;
  return html`<h1>${t('accounting_bridge.panel.title')}</h1>
    <h2>${t('accounting_bridge.panel.trialBalance')}</h2>
    <table class="grid"><thead><tr><th>${t('accounting_bridge.panel.account')}</th>
      <th class="num">${t('accounting_bridge.panel.debit')}</th><th class="num">${t('accounting_bridge.panel.credit')}</th>
      <th class="num">${t('accounting_bridge.panel.balance')}</th></tr></thead>
    <tbody>${tb.lines.map((l) => html`<tr><td translate=${false}>${l.accountCode} ${l.accountName}</td>
      <td class="num"><${Money} value=${l.debit} currency=${l.currency} /></td>
      <td class="num"><${Money} value=${l.credit} currency=${l.currency} /></td>
      <td class="num"><${Money} value=${l.balance} currency=${l.currency} /></td></tr>`)}
      <tr><th>${t('accounting_bridge.panel.total')}</th>
        <th class="num"><${Money} value=${tb.totalDebit} currency=${cur} /></th>
        <th class="num"><${Money} value=${tb.totalCredit} currency=${cur} /></th>
        <th>${t(tb.balanced ? 'accounting_bridge.panel.balanced' : 'accounting_bridge.panel.unbalanced')}</th></tr>
    </tbody></table>
    <h2>${t('accounting_bridge.panel.reconciliation')}</h2>
    <table class="grid"><thead><tr><th>${t('accounting_bridge.panel.ledger')}</th>
      <th class="num">${t('accounting_bridge.panel.journal')}</th><th class="num">${t('accounting_bridge.panel.core')}</th>
      <th class="num">${t('accounting_bridge.panel.difference')}</th><th>${t('board.status')}</th></tr></thead>
    <tbody>${check('guestLedger', rec.guestLedger)}${check('cityLedger', rec.cityLedger)}</tbody></table>
    ${ctx.can('accounting.exports.read') && html`<${Exports} ctx=${ctx} />`}`;
}
