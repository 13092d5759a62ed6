// Message catalogues (i18n/<lang>.json) and the locale's formats. Every string a person reads
// comes from a catalogue; dates, money and numbers go through Intl in the user's locale.
export const LANGUAGES = { en: 'en-GB', de: 'de-DE', es: 'es-ES', vi: 'vi-VN' };
const catalogues = {};
let current = 'en';
const extras = {};

export async function loadLanguage(lang) {
  if (!LANGUAGES[lang]) lang = 'en';
  if (!catalogues[lang]) {
    const response = await fetch(`/plugins/web/i18n/${lang}.json`);
    catalogues[lang] = await response.json();
  }
  current = lang;
  document.documentElement.lang = lang;
  return lang;
}

export function language() {
  return current;
}

export function locale() {
  return LANGUAGES[current];
}

// Panels bring their own messages (keys prefixed with the panel's id), per language.
export function addMessages(lang, messages) {
  extras[lang] = { ...(extras[lang] || {}), ...messages };
}

export function t(key, params = {}) {
  const text = (catalogues[current] || {})[key] ?? (extras[current] || {})[key]
    ?? (catalogues.en || {})[key] ?? (extras.en || {})[key] ?? key;
  return text.replace(/\{(\w+)\}/g, (_, name) => (name in params ? String(params[name]) : `{${name}}`));
}

// The one formatting function for money: a Money {amount currency} or an amount and currency.
export function money(value, currency) {
  if (value === null || value === undefined) return '';
  let amount = value;
  if (typeof value === 'object') {
    amount = value.amount;
    currency = value.currency;
  }
  const options = currency ? { style: 'currency', currency } : { minimumFractionDigits: 2 };
  return new Intl.NumberFormat(locale(), options).format(Number(amount));
}

export function number(value, digits = 0) {
  return new Intl.NumberFormat(locale(), {
    minimumFractionDigits: digits, maximumFractionDigits: digits,
  }).format(Number(value));
}

export function percent(value) {
  return new Intl.NumberFormat(locale(), { style: 'percent', maximumFractionDigits: 1 })
    .format(Number(value) / 100);
}

export function date(iso, style = 'medium') {
  if (!iso) return '';
  const value = new Date(`${iso.slice(0, 10)}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale(), { dateStyle: style, timeZone: 'UTC' }).format(value);
}

export function weekday(iso) {
  const value = new Date(`${iso}T00:00:00Z`);
  return new Intl.DateTimeFormat(locale(), { weekday: 'short', day: 'numeric', timeZone: 'UTC' })
    .format(value);
}

export function addDays(iso, days) {
  const value = new Date(`${iso}T00:00:00Z`);
  value.setUTCDate(value.getUTCDate() + days);
  return value.toISOString().slice(0, 10);
}

export function dateTime(iso) {
  if (!iso) return '';
  return new Intl.DateTimeFormat(locale(), { dateStyle: 'short', timeStyle: 'short' }).format(new Date(iso));
}

// The decimal string of a Money {amount currency} or of a bare amount.
export function amountOf(value) {
  return value !== null && typeof value === 'object' ? value.amount : value;
}
