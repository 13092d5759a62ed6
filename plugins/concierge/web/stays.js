// The in-house stays a concierge books or invites for, as options (guest and room).
import { IN_HOUSE } from './documents.js';

export async function inHouse(ctx) {
  const data = await ctx.gql(IN_HOUSE, { p: ctx.propertyId });
  return data.stays.nodes.map((stay) => ({
    id: stay.id, label: `${stay.room ? stay.room.number : '—'} · ${stay.primaryGuest.fullName}`,
  })).sort((a, b) => a.label.localeCompare(b.label));
}

// A datetime-local field's value as the API's DateTime (the browser's time zone).
export function instant(local) {
  return local ? new Date(local).toISOString() : null;
}

// The form's errors on one field, shown beside it; `data-field` is the name the API gave.
export function fieldErrors(ctx, errors, name) {
  const { html } = ctx.ui;
  return (errors || []).filter((e) => e.field === name).map((e) => html`<span class="error"
    role="alert" data-field=${name}>${e.message}</span>`);
}
