// The accounting panel's GraphQL documents, every one it sends (trusted documents, docs/web.md): fixed
// texts, the data in variables. web/documents.json, made from DOCUMENTS by
// `python -m frontdesk.api.trusted_documents plugins/accounting_bridge/web` (a test keeps it fresh), is what
// the plugin registers with the API and what the desk reads to send each by its id. Texts
// only, no imports: node reads this module to make the manifest.

// The trial balance and the reconciliation of the ledgers (panel.js).
export const LEDGERS = `query($p: ID!) {
  accountingTrialBalance(propertyId: $p) { totalDebit { amount currency } totalCredit { amount currency } balanced
    lines { accountCode accountName currency debit { amount currency } credit { amount currency } balance { amount currency } } }
  accountingReconciliation(propertyId: $p) {
    guestLedger { journal { amount currency } core { amount currency } difference { amount currency } reconciled }
    cityLedger { journal { amount currency } core { amount currency } difference { amount currency } reconciled } } }`;

// An export in a chosen format for a period (exports.js).
export const EXPORT = `query($p: ID!, $f: AccountingExportFormat!, $s: Date, $e: Date) {
  accountingExport(propertyId: $p, format: $f, start: $s, end: $e) { filename contentType text } }`;

// Every document of the panel by name, for the manifest.
export const DOCUMENTS = {
  AccountingLedgers: LEDGERS,
  AccountingExport: EXPORT,
};
