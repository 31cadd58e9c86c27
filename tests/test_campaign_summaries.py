"""The campaign report reads summaries kept as events arrive; after a random mix of events written the
way the app writes them (sends through a real SMTP server, then opens, clicks, bounces, complaints …
through the delivery engine's record_event), every figure equals what the raw events say, a rebuild
gives the same rows, and another organization sees nothing."""
import html
import random
import re
from collections import Counter, defaultdict
from datetime import timedelta

from sqlalchemy import select

from nudgeweb.analytics.counters import hour_of
from nudgeweb.analytics.useragents import client_of, device_of
from nudgeweb.campaigns import report
from nudgeweb.delivery.events import record_event
from nudgeweb.models import Campaign, CampaignSummary, Message, MessageEvent, db
from nudgeweb.unit_of_work import unit_of_work
from tests.delivery_support import smtp  # noqa: F401
from tests.factories import ContactFactory, OrganizationFactory
from tests.test_campaign_sending import business, make_campaign, make_list, send_now  # noqa: F401

AGENTS = ["Mozilla/5.0 (iPhone; CPU iPhone OS 17_4 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148",
          "Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)",
          "Microsoft Office/16.0 (Windows NT 10.0; Microsoft Outlook 16.0.17328; Pro)",
          "Mozilla/5.0 (iPad; CPU OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko)", None]
KINDS = ["opened"] * 12 + ["clicked"] * 8 + ["delivered"] * 3 + ["bounced", "failed", "complained", "unsubscribed"]


def sent_campaign(organization, people=30):
    members = [ContactFactory(organization=organization, email=f"p{n}@example.net") for n in range(people)]
    campaign = make_campaign(organization, recipient_list_id=str(make_list(organization, members).id))
    send_now(organization, campaign)
    return campaign.id


def random_mix(organization, campaign_id, rng, count=200):
    """``count`` events on the campaign's messages over four days, recorded in time order a few at a time."""
    with unit_of_work(organization.id):
        messages = db.session.execute(select(Message.id, Message.sent_at).where(Message.purpose_id == campaign_id)).all()
    planned = sorted(((sent_at + timedelta(minutes=rng.randint(1, 4 * 24 * 60)), message_id, rng.choice(KINDS))
                      for message_id, sent_at in (rng.choice(messages) for _ in range(count))), key=lambda e: e[0])
    for start in range(0, len(planned), 25):
        with unit_of_work(organization.id):
            for at, message_id, kind in planned[start:start + 25]:
                message = db.session.get(Message, message_id)
                record_event(message, kind, occurred_at=at, user_agent=rng.choice(AGENTS),
                             url=f"https://shop.example/p/{rng.randint(1, 4)}" if kind == "clicked" else None,
                             detail="550 no such user" if kind in ("bounced", "failed") else None)


def raw_events(campaign_id):
    return db.session.execute(select(MessageEvent.message_id, MessageEvent.type, MessageEvent.url,
                                     MessageEvent.user_agent, MessageEvent.occurred_at)
                              .join(Message, Message.id == MessageEvent.message_id)
                              .where(Message.purpose == "campaign", Message.purpose_id == campaign_id)).all()


def raw_stats(events):
    kinds = defaultdict(set)
    for event in events:
        kinds[event.type].add(event.message_id)
    opened = kinds["opened"] | kinds["clicked"]
    undelivered = kinds["sent"] & (kinds["bounced"] | kinds["failed"])
    return {"sent": len(kinds["sent"]), "delivered": len(kinds["sent"] - undelivered), "opened": len(opened),
            "clicked": len(kinds["clicked"]), "bounced": len(kinds["bounced"]),
            "complained": len(kinds["complained"]), "unsubscribed": len(kinds["unsubscribed"])}


def raw_timeline(events, granularity):
    points = defaultdict(Counter)
    for event in events:
        if event.type in report.TIMELINE:
            moment = hour_of(event.occurred_at)
            if granularity == "day":
                moment = moment.replace(hour=0)
            points[moment.strftime("%Y-%m-%dT%H:00:00Z")][event.type] += 1
    return [{"timestamp": moment, **{kind: points[moment][kind] for kind in report.TIMELINE}}
            for moment in sorted(points)]


def raw_links(events):
    clicks, unique = Counter(), defaultdict(set)
    for event in events:
        if event.type == "clicked":
            clicks[event.url] += 1
            unique[event.url].add(event.message_id)
    return sorted(({"url": url, "clicks": count, "unique_clicks": len(unique[url])} for url, count in clicks.items()),
                  key=lambda link: (-link["clicks"], link["url"]))


def raw_devices_and_clients(events):
    agents = [event.user_agent for event in events if event.type in ("opened", "clicked") and event.user_agent]
    devices, clients = Counter(map(device_of, agents)), Counter(map(client_of, agents))

    def shares(counts):
        return {name: round(count / len(agents), 4) for name, count in counts.items()}

    return shares(devices), shares(clients)


def summary_rows():
    return sorted((str(row.campaign_id), row.metric, row.dimension, row.hour, row.count)
                  for row in db.session.scalars(select(CampaignSummary)))


def test_the_report_equals_the_raw_events_after_a_random_mix_and_a_rebuild_gives_the_same(
        smtp, business, runner):  # noqa: F811
    campaign_id = sent_campaign(business)
    random_mix(business, campaign_id, random.Random(18))
    with unit_of_work(business.id):
        campaign = db.session.get(Campaign, campaign_id)
        events = raw_events(campaign_id)
        assert {event.type for event in events} >= {"sent", "opened", "clicked", "bounced", "failed", "complained"}
        stats = report.stats(campaign)
        assert {name: stats[name] for name in raw_stats(events)} == raw_stats(events)
        assert stats["sent"] == 30 and 0 < stats["delivered"] < 30 and stats["opened"] > stats["clicked"] > 0
        for granularity in ("hour", "day"):
            assert report.timeline(campaign, granularity) == raw_timeline(events, granularity)
        assert report.top_links(campaign) == raw_links(events)
        devices, clients = report.devices_and_clients(campaign)
        assert (devices, clients) == raw_devices_and_clients(events)
        assert list(devices) == sorted(devices, key=lambda name: -devices[name]) and set(devices) == {
            "mobile", "desktop", "tablet"}
        live = summary_rows()

    assert runner.invoke(args=["analytics", "rebuild"]).exit_code == 0
    with unit_of_work(business.id):
        assert summary_rows() == live


def test_the_default_timeline_is_hours_for_two_days_then_days(smtp, business):  # noqa: F811
    campaign_id = sent_campaign(business, people=4)
    random_mix(business, campaign_id, random.Random(5), count=80)
    with unit_of_work(business.id):
        campaign = db.session.get(Campaign, campaign_id)
        points = report.timeline(campaign)
        switch = hour_of(campaign.started_at + timedelta(days=2)).strftime("%Y-%m-%dT%H:00:00Z")
        hours = [point for point in points if point["timestamp"] < switch]
        days = [point for point in points if point["timestamp"] >= switch]
        assert hours and days and all(point["timestamp"].endswith("T00:00:00Z") for point in days[1:])
        events = [event for event in raw_events(campaign_id) if event.type in report.TIMELINE]
        assert sum(sum(point[kind] for kind in report.TIMELINE) for point in points) == len(events)


def test_another_organization_sees_none_of_the_figures(smtp, business, client):  # noqa: F811
    campaign_id = sent_campaign(business, people=3)
    random_mix(business, campaign_id, random.Random(7), count=30)
    other = OrganizationFactory()
    db.session.commit()
    with unit_of_work(other.id):
        assert db.session.scalars(select(CampaignSummary)).all() == []
        assert db.session.get(Campaign, campaign_id) is None


def test_the_people_csv_streams_a_piece_at_a_time(smtp, business, owner_client, monkeypatch):  # noqa: F811
    from nudgeweb.campaigns import pages

    monkeypatch.setattr(pages, "CSV_ROWS_A_PIECE", 2)
    campaign_id = sent_campaign(business, people=5)
    random_mix(business, campaign_id, random.Random(3), count=40)
    answer = owner_client.get(f"/campaigns/{campaign_id}/people.csv?kind=opened", buffered=False)
    assert answer.is_streamed and answer.headers["Content-Type"].startswith("text/csv")
    pieces = [piece.decode() for piece in answer.response]
    answer.close()
    with unit_of_work(business.id):
        opened = report.stats(db.session.get(Campaign, campaign_id))["opened"]
    rows = "".join(pieces).splitlines()
    assert rows[0] == "first_name,last_name,address,opened_at" and len(rows) == 1 + opened
    assert len(pieces) >= 1 + opened // 2  # the header, then two rows a piece: never the whole file at once


def test_the_people_list_pages_from_message_to_message(smtp, business, owner_client, monkeypatch):  # noqa: F811
    """Next, Previous and Last lead from a page's first or last message (no page is counted from the start of a
    long list); together the pages show everyone who opened it once, in the order they were sent."""
    from nudgeweb.campaigns import pages

    monkeypatch.setattr(pages, "PEOPLE_PER_PAGE", 3)
    campaign_id = sent_campaign(business, people=7)
    with unit_of_work(business.id):
        messages = db.session.scalars(select(Message).where(Message.purpose_id == campaign_id)
                                      .order_by(Message.id)).all()
        for message in messages:
            record_event(message, "opened")
        in_order = [message.to for message in messages]

    def page(url):
        text = owner_client.get(url, headers={"HX-Request": "true"}).text
        links = {label: html.unescape(href) for href, label in re.findall(r'href="([^"]+)"[^>]*>(\w+)</a>', text)}
        return re.findall(r'<td class="link-cell col-wide">([^<]+)</td>', text), links, text

    seen, url, pages_seen = [], f"/campaigns/{campaign_id}/people?kind=opened", []
    while url:
        rows, links, text = page(url)
        seen += rows
        pages_seen.append(rows)
        url = links.get("Next")
    assert seen == in_order and [len(rows) for rows in pages_seen] == [3, 3, 1]
    assert "Showing 7–7 of 7 people" in text and "Page 3 of 3" in text
    assert page(links["Previous"])[0] == pages_seen[1]
    first, first_links, _ = page(f"/campaigns/{campaign_id}/people?kind=opened")
    assert page(first_links["Last"])[0] == pages_seen[2]
    assert "after=" in first_links["Next"] and "end=1" in first_links["Last"]
    assert page(f"/campaigns/{campaign_id}/people?kind=opened&page=2")[0] == pages_seen[1]  # a number typed by hand
