// Plugin panels: panels.json lists what enabled plugins offer (the frontdesk_web_panels
// hook); each is an ES module the plugin serves itself, whose default export is a component,
// with its message catalogues at i18n/<lang>.json beside it (title: "<id>.panel.title") and
// its GraphQL documents' manifest at documents.json (api.js sends those by id).
import { authHeaders, gql, learnDocuments, mutate } from './api.js';
import * as i18n from './i18n.js';
import * as ui from './ui.js';
import * as live from './live.js';

const { html, useEffect, useState } = ui;

async function loadMessages(panel, lang) {
  const url = new URL(`i18n/${lang}.json`, new URL(panel.module, window.location.href));
  const response = await fetch(url);
  if (response.ok) i18n.addMessages(lang, await response.json());
}

// The manifest beside the panel's module (none: the panel's documents go as text).
function panelDocuments(panel) {
  return learnDocuments(new URL('documents.json', new URL(panel.module, window.location.href)).href);
}

export async function loadPanels(lang) {
  const response = await fetch('/plugins/web/panels.json', { headers: authHeaders() });
  if (!response.ok) return [];
  const panels = await response.json();
  await Promise.all(panels.map((panel) => Promise.all([loadMessages(panel, lang), panelDocuments(panel)])));
  return panels;
}

export function PanelView({ ctx, panel }) {
  const [module, setModule] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    import(panel.module).then(setModule).catch((failure) => setError(failure.message));
  }, [panel.module]);
  if (error) return html`<${ui.Errors} errors=${[{ message: error }]} />`;
  if (!module) return html`<${ui.Loading} />`;
  const Panel = module.default;
  const kit = { ...ctx, gql, mutate, ui, i18n, live, t: i18n.t };
  return html`<section aria-label=${i18n.t(`${panel.id}.panel.title`)} data-panel-view=${panel.id}><${Panel} ctx=${kit} /></section>`;
}
