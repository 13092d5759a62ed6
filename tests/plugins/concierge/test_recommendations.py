"""The recommendations catalogue: search by category, tag, language and open-now, and a
record of what each guest was already told."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from support.hotel import book, build_hotel

from frontdesk.core.properties.service import create_property
from frontdesk.plugins.concierge import recommendations as service

SEARCH = """query($p: ID!, $category: ConciergeCategory, $tag: String, $language: String,
  $openNow: Boolean, $first: Int, $after: String) {
  conciergeRecommendations(propertyId: $p, category: $category, tag: $tag, language: $language,
    openNow: $openNow, first: $first, after: $after) {
    nodes { name tags descriptions { language text } openingHours { day opens closes } }
    pageInfo { hasNextPage endCursor }
  }
}"""
EVERY_DAY_LATE = [{"day": d, "opens": "20:00", "closes": "02:00"} for d in range(7)]


async def _catalogue(gql) -> str:
    hotel = await build_hotel(gql)
    for name, category, tags, languages, hours in (
        ("Trattoria Roma", "RESTAURANT", ["italian", "family"], ["en", "de"], []),
        ("Jazz Keller", "NIGHTLIFE", ["music"], ["en"], EVERY_DAY_LATE),
        ("Stadtmuseum", "MUSEUM", ["family", "rainy-day"], ["de"], []),
    ):
        await gql.ok(
            "createConciergeRecommendation",
            {
                "propertyId": hotel.property_id,
                "name": name,
                "category": category,
                "tags": tags,
                "openingHours": hours,
                "priceLevel": 2,
                "descriptions": [
                    {"language": lang, "text": f"{name} ({lang})"} for lang in languages
                ],
            },
            "recommendation { id }",
        )
    return hotel


async def _names(gql, hotel, **filters) -> list[str]:
    data = await gql.execute(SEARCH, {"p": hotel.property_id, **filters})
    return [n["name"] for n in data["conciergeRecommendations"]["nodes"]]


async def test_search_combines_category_tag_and_language(gql):
    hotel = await _catalogue(gql)
    assert await _names(gql, hotel, tag="family") == ["Trattoria Roma", "Stadtmuseum"]
    assert await _names(gql, hotel, tag="family", language="en") == ["Trattoria Roma"]
    assert await _names(gql, hotel, category="MUSEUM") == ["Stadtmuseum"]
    assert await _names(gql, hotel, tag="nothing-like-it") == []
    assert await _names(gql, hotel, language="not a language") == []


def test_open_now_follows_the_local_clock_past_midnight():
    hours = [{"day": 4, "opens": "20:00", "closes": "02:00"}]  # Friday night
    saturday_1am_berlin = datetime(2026, 11, 28, 0, 0, tzinfo=UTC)
    assert service.is_open(hours, saturday_1am_berlin, "Europe/Berlin")
    assert not service.is_open(hours, saturday_1am_berlin + timedelta(hours=2), "Europe/Berlin")
    assert not service.is_open(hours, saturday_1am_berlin - timedelta(hours=6), "Europe/Berlin")


async def test_open_now_search_keeps_the_places_open_at_this_moment(runtime):
    prop = await create_property(
        code="NITE", name="Night Hotel", business_date=date(2026, 11, 23), timezone="Europe/Berlin"
    )
    for name, hours in (("Trattoria Roma", []), ("Jazz Keller", EVERY_DAY_LATE)):
        await service.create_recommendation(
            property_id=prop.id,
            name=name,
            category="nightlife",
            descriptions={"en": name},
            opening_hours=[service.OpeningHours(**h) for h in hours],
        )
    friday_10pm_berlin = datetime(2026, 11, 27, 21, 0, tzinfo=UTC)
    open_page = await service.search(
        property_id=prop.id, open_now=True, first=10, after=None, at=friday_10pm_berlin
    )
    assert [r.name for r in open_page.items] == ["Jazz Keller"]
    closed = await service.search(
        property_id=prop.id, open_now=False, first=10, after=None, at=friday_10pm_berlin
    )
    assert [r.name for r in closed.items] == ["Trattoria Roma"]


async def test_search_pages_through_every_match_once(gql):
    hotel = await _catalogue(gql)
    seen, after = [], None
    while True:
        data = await gql.execute(SEARCH, {"p": hotel.property_id, "first": 1, "after": after})
        page = data["conciergeRecommendations"]
        seen += [n["name"] for n in page["nodes"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert seen == ["Trattoria Roma", "Jazz Keller", "Stadtmuseum"]


async def test_the_desk_sees_what_a_guest_was_already_told(gql):
    hotel = await _catalogue(gql)
    day = hotel.business_date
    stay_id = (await book(gql, hotel, day, day + timedelta(days=2)))["stay"]["id"]
    data = await gql.execute(SEARCH, {"p": hotel.property_id, "tag": "music"})
    jazz = await gql.execute(
        'query($p: ID!) { conciergeRecommendations(propertyId: $p, tag: "music") '
        "{ nodes { id } } }",
        {"p": hotel.property_id},
    )
    recommendation_id = jazz["conciergeRecommendations"]["nodes"][0]["id"]
    await gql.ok(
        "recordConciergeRecommendationGiven",
        {"recommendationId": recommendation_id, "stayId": stay_id, "note": "Asked for live music"},
        "given { id }",
    )
    guest = await gql.execute(
        "query($id: ID!) { guest(id: $id) { recommendationsGiven { note "
        "recommendation { name } stay { id } } } }",
        {"id": hotel.guests[0]},
    )
    assert guest["guest"]["recommendationsGiven"] == [
        {
            "note": "Asked for live music",
            "recommendation": {"name": "Jazz Keller"},
            "stay": {"id": stay_id},
        }
    ]
    assert data["conciergeRecommendations"]["nodes"][0]["tags"] == ["music"]


async def test_bad_catalogue_input_is_refused_with_its_field(gql):
    hotel = await build_hotel(gql)
    base = {
        "propertyId": hotel.property_id,
        "name": "X",
        "category": "TOUR",
        "descriptions": [{"language": "en", "text": "x"}],
    }
    for changes, field in (
        ({"descriptions": [{"language": "english", "text": "x"}]}, "descriptions"),
        ({"openingHours": [{"day": 7, "opens": "10:00", "closes": "12:00"}]}, "openingHours"),
        ({"openingHours": [{"day": 1, "opens": "25:00", "closes": "12:00"}]}, "openingHours"),
        ({"priceLevel": 9}, "priceLevel"),
        ({"tags": ["Not a tag!"]}, "tags"),
    ):
        payload = await gql.mutate(
            "createConciergeRecommendation", {**base, **changes}, "recommendation { id }"
        )
        assert payload["errors"][0]["field"] == field, changes
    assert await _names(gql, hotel) == []
