"""The plugin's rules: plain async functions over its table, with core reached only through
``frontdesk.api``. Every write runs in ``run_write`` (one transaction, retried on a race)."""

from __future__ import annotations

from frontdesk.api import InvalidTransition, NotFound, get_property, get_stay, run_write, validation

from .tables import HELD, RETURNED, UNCLAIMED, LostItem


async def record_item(
    *, property_id: int, description: str, where_found: str = "", stay_id: int | None = None
) -> LostItem:
    """Log an item found in the hotel; ``stay_id`` ties it to the guest's stay."""
    checks = validation.Checks()
    description = checks(validation.text, description, "description", max_length=200)
    where_found = checks(validation.text, where_found, "whereFound", max_length=100, required=False)
    checks.done()

    async def change() -> LostItem:
        await get_property(property_id)
        if stay_id is not None:
            await get_stay(stay_id, property_id=property_id)  # NotFound: another hotel's stay
        item = LostItem(
            property=property_id, stay=stay_id, description=description, where_found=where_found
        )
        await item.save()
        return item

    return await run_write(change, conflict_message="The item could not be recorded.")


async def return_item(*, item_id: int) -> LostItem:
    """Hand an item back to its owner; an item can be returned once."""

    async def change() -> LostItem:
        item = await LostItem.objects().where(LostItem.id == item_id).first()
        if item is None:
            raise NotFound(f"Lost item {item_id} does not exist.", field="itemId")
        if item.status == RETURNED:
            raise InvalidTransition("The item was returned already.", field="itemId")
        item.status = RETURNED
        await item.save([LostItem.status])
        return item

    return await run_write(change, conflict_message="The item changed meanwhile; try again.")


async def items_of_property(property_id: int, status: str | None = None) -> list[LostItem]:
    """A property's items, newest first; only those in ``status`` when given."""
    condition = LostItem.property == property_id
    if status is not None:
        condition &= LostItem.status == status
    return await LostItem.objects().where(condition).order_by(LostItem.id, ascending=False)


async def on_checked_out(stay) -> None:
    """The guest left: what is still held for the stay is now unclaimed (to be sent on or
    kept until claimed). Runs inside the check-out's transaction, so both commit together."""
    await LostItem.update({LostItem.status: UNCLAIMED}).where(
        (LostItem.stay == stay.id) & (LostItem.status == HELD)
    )
