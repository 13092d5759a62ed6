// Plugin panels: panels.json lists what enabled plugins offer (the frontdesk_web_panels
// hook); each is an ES module the plugin serves itself, whose default export is a component.
import { authHeaders, gql, mutate } from './api.js';
import * as i18n from './i18n.js';
import * as ui from './ui.js';

const { html, useEffect, useState } = ui;

export async function loadPanels(lang) {
  const response = await fetch('/plugins/web/panels.json', { headers: authHeaders() });
  if (!response.ok) return [];
  const panels = await response.json();
  return panels.map((panel) => ({ ...panel, title: panel.titles[lang] || panel.titles.en || panel.id }));
}

export function PanelView({ ctx, panel }) {
  const [module, setModule] = useState(null);
  const [error, setError] = useState(null);
  useEffect(() => {
    import(panel.module).then(async (loaded) => {
      if (loaded.messages) i18n.addMessages(await loaded.messages(i18n.language()));
      setModule(loaded);
    }).catch((failure) => setError(failure.message));
  }, [panel.module, ctx.lang]);
  if (error) return html`<${ui.Errors} errors=${[{ message: error }]} />`;
  if (!module) return html`<${ui.Loading} />`;
  const Panel = module.default;
  const kit = { ...ctx, gql, mutate, ui, i18n, t: i18n.t };
  return html`<section aria-label=${panel.title} data-panel-view=${panel.id}><${Panel} ctx=${kit} /></section>`;
}
