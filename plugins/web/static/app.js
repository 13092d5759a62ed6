// The shell: log-in, then the header (property, business date, language, log-out), the
// navigation the caller's permissions allow, and the current screen.
import { gql, login, logout } from './api.js';
import { LANGUAGES, loadLanguage, t } from './i18n.js';
import { Errors, Field, html, render, useEffect, useState } from './ui.js';
import { Board } from './board.js';
import { StayView } from './stay.js';
import { Booking } from './booking.js';
import { InvoiceView } from './invoice.js';
import { Housekeeping } from './housekeeping.js';
import { NightAudit } from './audit.js';
import { Calendar } from './calendar.js';
import { PanelView, loadPanels } from './panels.js';
import { disconnect } from './live.js';
import { ME } from './documents.js';


const SCREENS = [
  { id: 'board', permission: 'stays.read' },
  { id: 'calendar', permission: 'stays.read' },
  { id: 'booking', permission: 'stays.write' },
  { id: 'housekeeping', permission: 'properties.read' },
  { id: 'audit', permission: 'night_audit.run' },
];

function savedLanguage(user) {
  return window.localStorage.getItem(`frontdesk.language.${user || ''}`);
}

function LanguageSelect({ lang, onChange }) {
  return html`<label class="inline">${t('shell.language')}
    <select value=${lang} onChange=${(e) => onChange(e.target.value)}>
      ${Object.keys(LANGUAGES).map((code) => html`<option value=${code}>${t(`language.${code}`)}</option>`)}
    </select></label>`;
}

function Login({ onLogin, lang, setLang }) {
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState([]);
  async function submit(event) {
    event.preventDefault();
    const found = await login(username, password);
    if (found.length) setErrors(found);
    else onLogin(username);
  }
  return html`<main class="login">
    <h1>${t('app.title')}</h1>
    <form onSubmit=${submit} aria-label=${t('login.title')}>
      <h2>${t('login.title')}</h2>
      <${Field} id="login-username" label=${t('login.username')} name="username" errors=${errors}>
        <input id="login-username" autocomplete="username" value=${username}
          onInput=${(e) => setUsername(e.target.value)} required />
      <//>
      <${Field} id="login-password" label=${t('login.password')} name="password" errors=${errors}>
        <input id="login-password" type="password" autocomplete="current-password"
          value=${password} onInput=${(e) => setPassword(e.target.value)} required />
      <//>
      <${Errors} errors=${errors.filter((e) => e.field !== 'username' && e.field !== 'password')} />
      <button type="submit">${t('login.submit')}</button>
    </form>
    <${LanguageSelect} lang=${lang} onChange=${setLang} />
  </main>`;
}

function Screen({ view, ctx }) {
  const props = { ctx, ...view.params };
  switch (view.name) {
    case 'stay': return html`<${StayView} ...${props} />`;
    case 'invoice': return html`<${InvoiceView} ...${props} />`;
    case 'booking': return html`<${Booking} ...${props} />`;
    case 'housekeeping': return html`<${Housekeeping} ...${props} />`;
    case 'audit': return html`<${NightAudit} ...${props} />`;
    case 'calendar': return html`<${Calendar} ...${props} />`;
    case 'panel': return html`<${PanelView} ...${props} />`;
    default: return html`<${Board} ...${props} />`;
  }
}

function Shell({ session, lang, setLang, onLogout, reload }) {
  const { me, properties } = session;
  const [propertyId, setPropertyId] = useState(properties[0] && properties[0].id);
  const property = properties.find((p) => p.id === propertyId) || properties[0];
  const [businessDate, setBusinessDate] = useState(property ? property.businessDate : '');
  const [view, setView] = useState({ name: 'board', params: {} });
  const [panels, setPanels] = useState([]);
  useEffect(() => {
    let current = true;
    loadPanels(lang).then((found) => current && setPanels(found));
    return () => { current = false; };
  }, [lang]);
  const freshDate = property && property.businessDate;
  useEffect(() => { if (freshDate) setBusinessDate(freshDate); }, [freshDate]);
  if (!property) return html`<main><p>${t('shell.noProperty')}</p></main>`;
  const can = (permission) => me.permissions.includes(permission);
  const ctx = {
    me, can, property, propertyId: property.id, businessDate, lang,
    open: (name, params = {}) => setView({ name, params }),
    reloadProperties: reload,
  };
  function chooseProperty(id) {
    setPropertyId(id);
    const chosen = properties.find((p) => p.id === id);
    setBusinessDate(chosen.businessDate);
    setView({ name: 'board', params: {} });
  }
  const screens = SCREENS.filter((screen) => can(screen.permission));
  return html`<div class="shell">
    <header class="top">
      <strong class="brand">${t('app.title')}</strong>
      <label class="inline">${t('shell.property')}
        <select value=${property.id} onChange=${(e) => chooseProperty(e.target.value)}>
          ${properties.map((p) => html`<option value=${p.id}>${p.name}</option>`)}
        </select></label>
      <label class="inline">${t('shell.businessDate')}
        <input type="date" value=${businessDate} required
          onChange=${(e) => e.target.value && setBusinessDate(e.target.value)} /></label>
      <button type="button" class="secondary" onClick=${() => setBusinessDate(property.businessDate)}>
        ${t('shell.today')}</button>
      <${LanguageSelect} lang=${lang} onChange=${setLang} />
      <span class="user">${t('shell.signedInAs', { name: me.name })}</span>
      <button type="button" class="secondary" onClick=${onLogout}>${t('shell.logout')}</button>
    </header>
    <nav aria-label=${t('shell.navigation')}>
      ${screens.map((screen) => html`<button type="button"
          aria-current=${view.name === screen.id ? 'page' : undefined}
          onClick=${() => setView({ name: screen.id, params: {} })}>${t(`nav.${screen.id}`)}</button>`)}
      ${panels.map((panel) => html`<button type="button" data-panel=${panel.id}
          aria-current=${view.name === 'panel' && view.params.panel.id === panel.id ? 'page' : undefined}
          onClick=${() => setView({ name: 'panel', params: { panel } })}>${t(`${panel.id}.panel.title`)}</button>`)}
    </nav>
    <main id="screen" key=${`${property.id}-${businessDate}-${lang}`}>
      <${Screen} view=${view} ctx=${ctx} />
    </main>
  </div>`;
}

function App() {
  const [lang, setLangState] = useState(null);
  const [session, setSession] = useState(null);
  const [errors, setErrors] = useState([]);
  useEffect(() => { loadLanguage(savedLanguage('') || 'en').then(setLangState); }, []);
  async function setLang(code) {
    const chosen = await loadLanguage(code);
    if (session) window.localStorage.setItem(`frontdesk.language.${session.me.name}`, chosen);
    else window.localStorage.setItem('frontdesk.language.', chosen);
    setLangState(chosen);
  }
  async function loadSession() {
    try {
      const data = await gql(ME);
      setSession({ me: data.me, properties: data.properties.nodes });
      return data.me;
    } catch (error) {
      setErrors([{ message: error.message }]);
      return null;
    }
  }
  async function onLogin(username) {
    const me = await loadSession();
    if (me) setLangState(await loadLanguage(savedLanguage(me.name) || lang));
  }
  async function onLogout() {
    disconnect();
    await logout();
    setSession(null);
  }
  if (!lang) return null;
  if (!session) {
    return html`<div><${Errors} errors=${errors} /><${Login} onLogin=${onLogin} lang=${lang} setLang=${setLang} /></div>`;
  }
  return html`<${Shell} session=${session} lang=${lang} setLang=${setLang}
    onLogout=${onLogout} reload=${loadSession} key=${session.me.name} />`;
}

render(html`<${App} />`, document.getElementById('app'));
