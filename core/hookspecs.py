"""Every hook a Frontdesk plugin can implement, in one module (after pytest and Datasette).

Conventions:

* Hooks are called with keyword arguments only. An implementation may accept fewer
  arguments than the spec names, so specs can grow without breaking plugins.
* Registration hooks run once at start-up and return plain data.
* Event hooks carry domain objects (Piccolo rows). Those marked *in transaction* run inside
  the write transaction of the change: an implementation may raise a
  :class:`frontdesk.core.errors.DomainError` to veto the change (the client gets a UserError
  and nothing is written), or write rows of its own atomically with it. Pluggy is synchronous,
  so an implementation that needs the database returns an awaitable (e.g. calls an ``async
  def`` and returns the coroutine); core awaits it inside the transaction, in plugin order.
* ``frontdesk_event_committed`` runs *after commit*: core calls each implementation on its
  own, logs and counts a failure, and the request still succeeds.
"""

from __future__ import annotations

import pluggy

hookspec = pluggy.HookspecMarker("frontdesk")


# --- registration -------------------------------------------------------------------------


@hookspec
def frontdesk_piccolo_apps():
    """Called once at start-up. Return a list of dotted paths of the plugin's ``piccolo_app``
    modules (each defines ``APP_CONFIG``). Their tables are bound to the installation's
    database and their migrations run with ``frontdesk migrate``."""


@hookspec
def frontdesk_graphql_contribute():
    """Called once when the GraphQL schema is assembled. Return a
    ``frontdesk.graphql.common.contributions.GraphQLContribution`` (queries, mutations, extra types,
    and fields added to core types such as ``Stay``), or None. A field name that is already
    taken makes start-up fail."""


@hookspec
def frontdesk_settings_contribute():
    """Called once at start-up. Return a list of ``frontdesk.core.settings.SettingSpec`` for
    the plugin's own settings (key prefixed with the plugin name, e.g. ``concierge.x``)."""


@hookspec
def frontdesk_permissions_register():
    """Called once at start-up. Return a list of ``frontdesk.core.permissions.Permission``
    the plugin defines (names prefixed with the plugin's area, e.g. ``concierge.requests.write``),
    optionally naming the built-in roles that get each one."""


@hookspec
def frontdesk_error_codes_register():
    """Called once at start-up. Return a dict ``{code: description}`` of the error codes the
    plugin's DomainErrors and UserErrors carry beyond core's (``core.errors.CORE_ERROR_CODES``),
    UPPER_SNAKE_CASE. They join the GraphQL enum ``UserErrorCode``; a code raised that no one
    registered cannot be answered (graphql-core refuses a value outside the enum)."""


@hookspec
def frontdesk_background_tasks(settings):
    """Called once when the server starts. ``settings``: the installation's Settings. Return a
    list of zero-argument async callables; the server runs each as a background task for its
    lifetime and cancels it on shutdown (e.g. an outbox delivery worker)."""


@hookspec
def frontdesk_http_routes(settings):
    """Called once when the server is built. ``settings``: the installation's Settings.
    Return a list of Litestar route handlers (``@get``/``@post`` functions, Controllers or
    Routers), or None. The server mounts each plugin's handlers under ``/plugins/<plugin
    name>/`` (a handler at ``/feed.ics`` of plugin ``hr_shifts`` answers
    ``/plugins/hr_shifts/feed.ics``). Requests there pass the same authentication and rate
    limits as ``/graphql``: a bearer credential, when sent, must be valid (401 otherwise) and
    becomes the request's principal; anonymous requests reach the handler, which decides
    (``frontdesk.graphql.http_routes.require_principal`` is a guard for staff-only routes,
    ``principal_of(request)`` reads the caller)."""


@hookspec
def frontdesk_addhooks(pluginmanager):
    """Called once while the plugin manager is built, after every enabled plugin is registered
    and before implementations are checked against specifications (pytest's
    ``pytest_addhooks``). ``pluginmanager``: the pluggy PluginManager. A plugin that offers
    hooks of its own to other plugins adds their specifications here with
    ``pluginmanager.add_hookspecs(module)``; implementations of such a hook in other plugins
    are marked ``@hookimpl(optionalhook=True)`` so they load when the offering plugin is
    disabled. Return None."""


@hookspec
def frontdesk_metrics_collect():
    """Called when ``/metrics`` is scraped, outside any transaction. Return a list of samples
    ``(name, help, value, labels)`` — ``name`` prefixed ``frontdesk_<plugin>_``, ``value`` a
    number, ``labels`` a dict of str — or an awaitable of that list (to read the database).
    Each name becomes one Prometheus gauge, with a sample per label set (samples of one name
    share its labels' names)."""


@hookspec(firstresult=True)
def frontdesk_home_page():
    """Called once when the server is built. Return the path that ``GET /`` redirects to
    (e.g. ``"/plugins/web/"`` for a web front desk), or None. First answer wins; without one
    ``/`` points to ``/graphql``."""


@hookspec
def frontdesk_cli_commands(parser):
    """Called once per plugin when the ``frontdesk`` command builds its parser. ``parser``: an
    ``argparse.ArgumentParser`` for ``frontdesk <plugin name> ...``, given to each plugin on
    its own. Add subcommands with ``parser.add_subparsers()`` and ``set_defaults(func=...)``;
    ``func(args)`` returns the exit status. ``frontdesk.core.cli.run_with_runtime(args, work)``
    starts the installation and awaits ``work(runtime)``. Raise
    ``frontdesk.core.cli.CommandError`` (or a DomainError) for a user mistake: the command
    prints it plainly and exits with status 2."""


@hookspec
def frontdesk_demo_load(runtime, properties, today, seed):
    """Called by ``frontdesk demo`` (and ``make run``) after core has loaded its demo hotels,
    inside one write transaction for every plugin's demo data. ``runtime``: the Runtime;
    ``properties``: the demo's Property rows (business date today, two weeks audited);
    ``today``: the demo's date; ``seed``: an int to seed the plugin's own random choices
    (the demo is deterministic). Return None, a list of summary lines to print, or an
    awaitable resolving to one."""


# --- stay events (in transaction) ---------------------------------------------------------


@hookspec
def frontdesk_stay_booked(stay, actor):
    """In transaction, after a stay is booked. ``stay``: the new Stay row (status ``booked``);
    ``actor``: who did it (str or None). Return None or an awaitable."""


@hookspec
def frontdesk_stay_modified(stay, before, actor):
    """In transaction, after dates, room type, occupancy or notes of a stay changed.
    ``before``: a dict of the changed fields' previous values. Return None or an awaitable."""


@hookspec
def frontdesk_stay_cancelled(stay, reason, actor):
    """In transaction, after a booked stay is cancelled. ``reason``: free text or None.
    Return None or an awaitable."""


@hookspec
def frontdesk_stay_checked_in(stay, room, actor):
    """In transaction, after a stay is checked in to ``room`` (a Room row). Return None or an
    awaitable."""


@hookspec
def frontdesk_stay_checked_out(stay, actor):
    """In transaction, after a stay is checked out. Return None or an awaitable."""


@hookspec
def frontdesk_stay_room_moved(stay, from_room, to_room, actor):
    """In transaction, after a stay moved rooms. ``from_room`` may be None when the stay had
    no room yet. Return None or an awaitable."""


@hookspec
def frontdesk_stay_no_show(stay, actor):
    """In transaction, after a booked stay is marked as a no-show. Return None or an awaitable."""


# --- guest and room events (in transaction) -----------------------------------------------


@hookspec
def frontdesk_guest_created(guest, actor):
    """In transaction, after a guest profile is created. Return None or an awaitable."""


@hookspec
def frontdesk_guest_updated(guest, changes, actor):
    """In transaction, after a guest profile changed. ``changes``: a dict of field name to
    ``(old, new)``. Return None or an awaitable."""


@hookspec
def frontdesk_room_status_changed(room, old_status, new_status, actor):
    """In transaction, after a room's housekeeping status changed (e.g. ``dirty`` after
    check-out, ``out_of_order``). Return None or an awaitable."""


@hookspec
def frontdesk_event_recorded(event, objects):
    """In transaction, once for every domain event, after the event's own hook (e.g.
    ``frontdesk_stay_booked``) ran. ``event``: the ``DomainEvent`` that
    ``frontdesk_event_committed`` will receive after commit; ``objects``: the rows the
    event's hook received, by argument name (``stay``, ``room``, ``folio``, ``entry``,
    ``invoice``...). For what must be written with every change, whatever it is: the event
    webhooks enqueue their messages here. Return None or an awaitable."""


# --- after commit -------------------------------------------------------------------------


@hookspec
def frontdesk_event_committed(event):
    """After commit, once for every domain event of the transaction, in order. ``event``: a
    ``frontdesk.core.events.DomainEvent`` (name such as ``stay.checked_in``, property_id,
    subject_id, actor, occurred_at, data). A raising implementation is logged and counted and
    the other implementations still run; the request has already succeeded."""


# --- guest privacy (GDPR) -----------------------------------------------------------------


@hookspec
def frontdesk_guest_data_export(guest):
    """Called when a guest's data is exported (``exportGuestData``), outside any write.
    ``guest``: the Guest row. Return a dict ``{section name: JSON-serialisable data}`` with
    everything the plugin holds about the guest (e.g. ``{"concierge": {"requests": [...]}}``),
    None, or an awaitable of either. Sections of all plugins join one document."""


@hookspec
def frontdesk_guest_anonymize(guest, actor):
    """In transaction, when a guest is anonymized (``anonymizeGuest``), after core replaced
    the profile with placeholders. ``guest``: the anonymized Guest row; ``actor``: who did it.
    Replace the personal data the plugin holds about the guest (free text, names, contact
    details) and keep financial records (amounts, dates, invoice numbers). Return None or an
    awaitable; a DomainError vetoes the anonymization and nothing is written."""


# --- money events (in transaction) --------------------------------------------------------
# Raised by core/folios and core/night_audit inside the write transaction of the movement, so
# a plugin (the accounting bridge) can record every movement atomically with it or veto it.
# Rows are ``frontdesk.core.folios.tables`` rows; the sign convention of ``FolioEntry.amount``
# and net/tax/gross is documented there. Each hook returns None or an awaitable.


@hookspec
def frontdesk_folio_charge_posted(folio, entry, actor):
    """In transaction, after a charge is posted to a folio (by staff, a rate-plan fee or the
    night audit), and after a goodwill credit, which is a charge with negative net, tax and
    gross. ``folio``: the Folio row; ``entry``: the FolioEntry (kind ``charge``, with
    category, net, tax, gross, business_date); ``actor``: who posted it (str or None)."""


@hookspec
def frontdesk_folio_payment_recorded(folio, entry, actor):
    """In transaction, after a payment (a deposit or prepayment too) is recorded on a folio.
    ``entry``: the FolioEntry (kind ``payment``, ``amount`` negative, ``method``,
    ``reference``)."""


@hookspec
def frontdesk_folio_refund_recorded(folio, entry, payment, actor):
    """In transaction, after a refund against an earlier payment. ``entry``: the FolioEntry
    (kind ``refund``, ``amount`` positive); ``payment``: the FolioEntry it gives back."""


@hookspec
def frontdesk_folio_correction_posted(folio, entry, original, actor):
    """In transaction, after a correction reverses an earlier entry. ``entry``: the FolioEntry
    (kind ``correction``, amount/net/tax/gross the negation of the original's);
    ``original``: the FolioEntry it reverses."""


@hookspec
def frontdesk_folio_settled(folio, invoice, actor):
    """In transaction, after a folio with balance zero is closed (status ``settled``), at
    check-out or on request. ``invoice``: the Invoice issued for it, or None when the folio
    held no charges."""


@hookspec
def frontdesk_city_ledger_transferred(folio, entry, account, ledger_entry, invoice, actor):
    """In transaction, after a folio's balance moved to a city-ledger account (status
    ``transferred``). ``entry``: the folio's FolioEntry of kind ``transfer`` (amount minus
    the balance); ``account``: the CityLedgerAccount; ``ledger_entry``: the CityLedgerEntry
    (kind ``transfer``, amount positive); ``invoice``: the Invoice issued to the account."""


@hookspec
def frontdesk_city_ledger_payment_recorded(account, ledger_entry, actor):
    """In transaction, after a payment was received on a city-ledger account.
    ``ledger_entry``: the CityLedgerEntry (kind ``payment``, amount negative, method)."""


@hookspec
def frontdesk_invoice_issued(invoice, folio, actor):
    """In transaction, after an invoice got its number (gapless per property) as its folio
    closed. ``invoice``: the Invoice row (net, tax, gross, tax_breakdown JSON)."""


@hookspec
def frontdesk_credit_note_issued(credit_note, invoice, actor):
    """In transaction, after a credit note cancelled ``invoice`` in full; ``credit_note`` got
    the next gapless number of the property's credit-note series."""


@hookspec
def frontdesk_night_audit_started(property, business_date, actor):
    """In transaction, when the night audit starts closing ``business_date`` (a date) of
    ``property`` (the Property row). Not raised again when an interrupted run resumes."""


@hookspec
def frontdesk_night_audit_completed(property, business_date, report, actor):
    """In transaction, when the night audit closed ``business_date``, just before the
    property's business date advances. ``report``: the summary dict (rooms sold, occupancy,
    ADR, RevPAR, revenue by category, payments by method; amounts as decimal strings)."""


# --- hr_shifts events (in transaction) ----------------------------------------------------


@hookspec
def frontdesk_shifts_roster_published(roster, assignments, superseded, actor):
    """In transaction, when the hr_shifts plugin publishes a roster (e.g. to notify staff).
    ``roster``: the Roster row (status ``published``); ``assignments``: its Assignment rows;
    ``superseded``: ids of earlier published rosters of the same property it replaces where
    their dates overlap. Return None or an awaitable; a DomainError vetoes the publication."""


@hookspec
def frontdesk_shifts_hours_approved(
    staff, entries, period_start, period_end, minutes, overtime_minutes, amount, currency, actor
):
    """In transaction, when a manager approves a staff member's worked hours for a period
    (the accounting bridge books them as labour cost). ``staff``: the StaffMember row;
    ``entries``: the TimeEntry rows approved now; ``period_start``/``period_end``: dates,
    inclusive; ``minutes``: approved minutes net of breaks; ``overtime_minutes``: the part above
    the contract's weekly target; ``amount``: Decimal gross wage (minutes x hourly wage) or None
    without a wage; ``currency``: the property's currency. Return None or an awaitable."""


# --- accounting_bridge (registration) -----------------------------------------------------


@hookspec
def frontdesk_accounting_connectors():
    """Called when the accounting bridge's outbox worker delivers (only while the
    accounting_bridge plugin is enabled). Return a list of connector objects, each with a
    ``name`` (str, unique; ``webhook`` is built in) and ``async deliver(message, config)``
    returning ``frontdesk.core.outbox.policy.Outcome``; ``message``:
    an ``OutboxDelivery`` (id, idempotency_key, property_id, kind, payload bytes, attempt);
    ``config``: the property's ``ConnectorConfig`` (url, secret, deliver, options). Runs
    outside any transaction; report failures as ``Outcome("retry", …)``."""
