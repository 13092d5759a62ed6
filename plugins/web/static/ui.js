// Small shared pieces: the vendored Preact + htm, form fields that show the API error naming
// them, and the money cell every screen uses.
export {
  html, render, useState, useEffect, useMemo, useCallback, useRef,
} from './vendor/htm-preact-standalone.module.js';
import { html } from './vendor/htm-preact-standalone.module.js';
import { money, t } from './i18n.js';

let counter = 0;
export function uid(prefix) {
  counter += 1;
  return `${prefix}-${counter}`;
}

export function fieldError(errors, name) {
  return (errors || []).find((error) => error.field === name);
}

// Errors whose field no control on the form names.
export function otherErrors(errors, names) {
  return (errors || []).filter((error) => !error.field || !names.includes(error.field));
}

export function Field({ id, label, name, errors, children }) {
  const error = fieldError(errors, name);
  return html`<div class="field">
    <label for=${id}>${label}</label>
    ${children}
    ${error && html`<span class="error" role="alert" id=${`${id}-error`} data-field=${name}>${error.message}</span>`}
  </div>`;
}

export function Errors({ errors }) {
  if (!errors || !errors.length) return null;
  return html`<div class="errors" role="alert">
    ${errors.map((error) => html`<p>${error.message}</p>`)}
  </div>`;
}

export function Money({ value, currency, testid }) {
  if (value === null || value === undefined) return html`<span>—</span>`;
  const amount = typeof value === 'object' ? value.amount : value;
  return html`<span class="money" data-testid=${testid} data-amount=${amount}>${money(value, currency)}</span>`;
}

export function Loading() {
  return html`<p class="muted" aria-live="polite">${t('common.loading')}</p>`;
}

export function asErrors(error) {
  return [{ message: error.message || String(error), field: null }];
}
