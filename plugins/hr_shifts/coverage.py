"""Demand: the occupancy forecast from core stays and the staff each shift needs.

The forecast is computed from the stays at the moment it is asked for (no cache), so a
booking, change or cancellation moves the required staff at once: the coverage query, the
violations of a roster and the next generation all see it.

Per day ``d`` of a property:

* arrivals: stays arriving on ``d``; departures: stays departing on ``d``;
* in-house: stays holding the night of ``d`` (arrival <= d < departure);

counting stays that are ``booked`` or ``checked_in``, and ``checked_out`` ones on days before
the property's business date (history). Cancelled stays and no-shows never count.

A template needs ``min_staff`` people plus, for each of its demand rules:

* ``per``: ``staff`` x ceil(metric / threshold), e.g. one agent per (started) 40 arrivals;
* ``above``: ``staff`` when metric > threshold, e.g. a porter when arrivals exceed 20.
"""

from __future__ import annotations

import math
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date, timedelta

from frontdesk.api.tables import Stay

from . import common, model
from .tables import DemandRule, ShiftTemplate

COUNTED_STATUSES = ("booked", "checked_in", "checked_out")


@dataclass(frozen=True)
class DayForecast:
    day: date
    arrivals: int
    departures: int
    in_house: int

    def metric(self, name: str) -> int:
        return {"arrivals": self.arrivals, "departures": self.departures}.get(name, self.in_house)


@dataclass(frozen=True)
class ShiftDemand:
    """What one template needs on one day, and why."""

    template: ShiftTemplate
    day: date
    minimum: int
    scaled: int
    reasons: tuple[str, ...]

    @property
    def required(self) -> int:
        return self.minimum + self.scaled


async def forecast(property_id: int, start: date, end: date) -> list[DayForecast]:
    """Arrivals, departures and in-house stays for each day in [start, end)."""
    prop = await common.get_property(property_id)
    rows = await Stay.select(Stay.arrival, Stay.departure, Stay.status).where(
        (Stay.property == property_id)
        & Stay.status.is_in(list(COUNTED_STATUSES))
        & (Stay.arrival <= end)
        & (Stay.departure >= start)
    )
    arrivals: Counter[date] = Counter()
    departures: Counter[date] = Counter()
    in_house: Counter[date] = Counter()
    for row in rows:
        history_only = row["status"] == "checked_out"
        arrival, departure = row["arrival"], row["departure"]
        if not history_only or arrival < prop.business_date:
            arrivals[arrival] += 1
        if not history_only or departure < prop.business_date:
            departures[departure] += 1
        night = max(arrival, start)
        while night < min(departure, end):
            if not history_only or night < prop.business_date:
                in_house[night] += 1
            night += timedelta(days=1)
    return [
        DayForecast(day, arrivals[day], departures[day], in_house[day])
        for day in common.days(start, end)
    ]


def scaled_staff(rule: DemandRule, value: int) -> int:
    if rule.kind == "per":
        return rule.staff * math.ceil(value / rule.threshold)
    return rule.staff if value > rule.threshold else 0


async def demand(
    property_id: int, start: date, end: date, *, include_inactive: bool = False
) -> list[ShiftDemand]:
    """The staff every (active) template of the property needs on each day of [start, end)."""
    where = ShiftTemplate.property == property_id
    if not include_inactive:
        where &= ShiftTemplate.active == True  # noqa: E712 - a SQL comparison
    templates = await ShiftTemplate.objects().where(where).order_by(ShiftTemplate.start_time)
    if not templates:
        return []
    rules_by_template: dict[int, list[DemandRule]] = defaultdict(list)
    rules = (
        await DemandRule.objects()
        .where(DemandRule.template.is_in([t.id for t in templates]))
        .order_by(DemandRule.id)
    )
    for rule in rules:
        rules_by_template[rule.template].append(rule)
    days = await forecast(property_id, start, end)
    needs = []
    for day in days:
        for template in templates:
            extra, reasons = 0, []
            for rule in rules_by_template[template.id]:
                value = day.metric(rule.metric)
                added = scaled_staff(rule, value)
                if added:
                    extra += added
                    word = "per" if rule.kind == "per" else "when more than"
                    reasons.append(
                        f"+{added} for {value} {rule.metric.replace('_', '-')} "
                        f"({rule.staff} {word} {rule.threshold})"
                    )
            needs.append(ShiftDemand(template, day.day, template.min_staff, extra, tuple(reasons)))
    return needs


def requirements(needs: list[ShiftDemand]) -> list[model.Requirement]:
    """The solver's view: only shifts that need somebody."""
    return [model.Requirement(n.template.id, n.day, n.required) for n in needs if n.required > 0]


@dataclass(frozen=True)
class CoverageLine:
    """Required against rostered people for one shift; ``gap`` is how many are missing."""

    demand: ShiftDemand
    rostered: int

    @property
    def gap(self) -> int:
        return max(0, self.demand.required - self.rostered)


def compare(needs: list[ShiftDemand], assignments: list) -> list[CoverageLine]:
    """Coverage lines for every demanded shift, given Assignment rows or model assignments."""
    staffed: Counter[tuple[int, date]] = Counter()
    for a in assignments:
        template_id = getattr(a, "template_id", None) or a.template
        staffed[(template_id, a.day)] += 1
    return [CoverageLine(n, staffed[(n.template.id, n.day)]) for n in needs]
