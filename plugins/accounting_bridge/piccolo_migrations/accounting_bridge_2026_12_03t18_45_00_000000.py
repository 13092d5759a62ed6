"""The bridge's messages move into core's shared outbox (``outbox_message``, channel
``accounting``) and its own ``accounting_bridge_outbox`` table goes.

Every row moves, delivered history included (the financial audit trail keeps what was sent,
when and how often): pending and failed ones are then delivered by core's deliverer exactly as
they would have been. Each keeps its idempotency key as its message id (so a receiver that got
it before drops the resend), its status, attempts, last error, next attempt, delivery time and
creation time; a lease is cleared (no deliverer runs during a migration). Rows are copied in
id order, so each (property, connector) queue keeps its order; the ids are new.

The copy is checked before the old table is dropped, in the same transaction: as many rows
arrived as there were, and every queue is in its old order. Either check failing rolls the
whole step back with the old table untouched.
"""

from piccolo.apps.migrations.auto.migration_manager import MigrationManager
from piccolo.engine import engine_finder

ID = "2026-12-03T18:45:00:000000"
VERSION = "1.38.0"
DESCRIPTION = "accounting outbox moves into core's shared outbox"

COPY = """
INSERT INTO outbox_message (property, channel, target, event_type, message_id, payload,
    status, attempts, last_error, next_attempt_at, claimed_until, claimed_by, delivered_at,
    created_at)
SELECT property, 'accounting', connector, kind, idempotency_key, payload, status, attempts,
    last_error, next_attempt_at, NULL, NULL, delivered_at, created_at
FROM accounting_bridge_outbox ORDER BY id
"""
OLD_COUNT = "SELECT COUNT(*) AS n FROM accounting_bridge_outbox"
MOVED_COUNT = """
SELECT COUNT(*) AS n FROM accounting_bridge_outbox a
JOIN outbox_message m ON m.message_id = a.idempotency_key AND m.channel = 'accounting'
"""
OUT_OF_ORDER = """
SELECT COUNT(*) AS n FROM (
    SELECT ROW_NUMBER() OVER (PARTITION BY a.property, a.connector ORDER BY a.id) AS before,
           ROW_NUMBER() OVER (PARTITION BY a.property, a.connector ORDER BY m.id) AS after
    FROM accounting_bridge_outbox a
    JOIN outbox_message m ON m.message_id = a.idempotency_key AND m.channel = 'accounting'
) ranked WHERE before != after
"""


async def move_messages() -> None:
    engine = engine_finder()
    await engine.run_ddl(COPY)
    [old] = await engine.run_ddl(OLD_COUNT)
    [moved] = await engine.run_ddl(MOVED_COUNT)
    if moved["n"] != old["n"]:
        raise RuntimeError(
            f"accounting outbox: {old['n']} messages, but {moved['n']} arrived in outbox_message"
        )
    [disordered] = await engine.run_ddl(OUT_OF_ORDER)
    if disordered["n"]:
        raise RuntimeError(f"accounting outbox: {disordered['n']} messages changed their order")


async def forwards():
    manager = MigrationManager(
        migration_id=ID, app_name="accounting_bridge", description=DESCRIPTION
    )
    manager.add_raw(move_messages)  # raw steps run first, then the drop, in one transaction
    manager.drop_table(class_name="OutboxMessage", tablename="accounting_bridge_outbox")
    return manager
