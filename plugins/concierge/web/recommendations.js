// Searching the recommendations catalogue (conciergeRecommendations): by category, tag and
// whether the place is open now; each with its description in the user's language if the
// catalogue has one.
import { RECOMMENDATIONS } from './documents.js';

const CATEGORIES = ['RESTAURANT', 'MUSEUM', 'TOUR', 'NIGHTLIFE', 'SHOPPING', 'TRANSPORT', 'EVENT'];

function description(rec, lang) {
  const found = rec.descriptions.find((d) => d.language === lang) || rec.descriptions[0];
  return found ? found.text : '';
}

export function Recommendations({ ctx }) {
  const { html, useState, Errors, asErrors } = ctx.ui;
  const { t } = ctx;
  const [query, setQuery] = useState({ category: '', tag: '', open: false });
  const [found, setFound] = useState(null);
  const [errors, setErrors] = useState([]);
  async function search(event) {
    event.preventDefault();
    try {
      const data = await ctx.gql(RECOMMENDATIONS, {
        p: ctx.propertyId, c: query.category || null, tag: query.tag.trim() || null, open: query.open || null,
      });
      setErrors([]); setFound(data.conciergeRecommendations.nodes);
    } catch (error) { setErrors(asErrors(error)); }
  }
  const lang = ctx.i18n.language();
  return html`<section aria-labelledby="concierge-recs"><h2 id="concierge-recs">${t('concierge.recs.title')}</h2>
    <form class="filters" role="search" onSubmit=${search} aria-label=${t('concierge.recs.search')}>
      <div class="field"><label for="recs-category">${t('concierge.recs.category')}</label>
        <select id="recs-category" value=${query.category} onChange=${(e) => setQuery({ ...query, category: e.target.value })}>
          <option value="">${t('concierge.recs.any')}</option>
          ${CATEGORIES.map((c) => html`<option value=${c}>${t(`concierge.category.${c}`)}</option>`)}</select></div>
      <div class="field"><label for="recs-tag">${t('concierge.recs.tag')}</label>
        <input id="recs-tag" value=${query.tag} onInput=${(e) => setQuery({ ...query, tag: e.target.value })} /></div>
      <label class="check"><input type="checkbox" checked=${query.open}
        onChange=${(e) => setQuery({ ...query, open: e.target.checked })} /> ${t('concierge.recs.openNow')}</label>
      <button type="submit">${t('concierge.recs.search')}</button>
    </form>
    <${Errors} errors=${errors} />
    ${found && (found.length === 0 ? html`<p>${t('concierge.recs.none')}</p>` : html`<ul class="recommendations">
      ${found.map((r) => html`<li data-recommendation=${r.id}><strong translate=${false}>${r.name}</strong>${' · '}${t(`concierge.category.${r.category}`)}${r.priceLevel ? ` · ${t('concierge.recs.priceLevel', { level: r.priceLevel })}` : ''}
        <br /><span translate=${false}>${r.address}${r.bookingContact ? ` · ${r.bookingContact}` : ''}</span>
        ${r.tags.length > 0 && html` <span class="muted" translate=${false}>#${r.tags.join(' #')}</span>`}
        <p translate=${false}>${description(r, lang)}</p></li>`)}</ul>`)}
  </section>`;
}
