"""Analytics (seed 001's Analytics Endpoints, and /reviews beyond it), read from the hourly counts.

Every answer takes ``period`` (today, 7d or week, 30d, month, year, custom), ``start_date`` and
``end_date`` (YYYY-MM-DD, for custom) and ``timezone`` (IANA; the business's by default); a bad one
is a 400 naming the parameter.
"""
from typing import Any

from flask import g
from pydantic import BaseModel, Field

from nudgeweb.analytics import reports
from nudgeweb.analytics.currency import currency_of
from nudgeweb.analytics.periods import PERIODS, PeriodError, read_period
from nudgeweb.api import api_route
from nudgeweb.api.credentials import current_credential
from nudgeweb.api.errors import ApiError, bad_parameter

TAGS = ["Analytics"]


class PeriodQuery(BaseModel):
    period: str | None = Field(None, max_length=20, description=", ".join(PERIODS) + " (week: 7d).")
    start_date: str | None = Field(None, max_length=10, examples=["2026-01-01"], description="For a custom period.")
    end_date: str | None = Field(None, max_length=10, examples=["2026-01-31"], description="For a custom period.")
    timezone: str | None = Field(None, max_length=64, examples=["America/New_York"],
                                 description="The days' time zone (default: the business's). Counts are kept by the "
                                             "hours of the business's zone: another zone's days are exact when its "
                                             "offset differs from the business's by whole hours.")
    currency: str | None = Field(None, max_length=3, description="/revenue only: the currency to total.")


class AnalyticsOut(BaseModel):
    data: dict[str, Any]
    meta: dict[str, Any] | None = None


def _answer(query, report):
    organization = current_credential().membership.organization
    try:
        period = read_period(query.model_dump(exclude_none=True), organization.timezone)
    except PeriodError as error:
        raise ApiError(400, errors=[bad_parameter(name, message).errors[0] for name, message in error.errors.items()])
    data = report(g.credential.organization_id, period)
    meta = {"period": period.key, "start_date": period.start.isoformat(), "end_date": period.end.isoformat(),
            "timezone": period.zone.key}
    return {"data": data, "meta": meta}


def _route(path, summary, description=""):
    return api_route(f"/analytics/{path}", "GET", summary=summary, tags=TAGS, scope="analytics:read",
                     query=PeriodQuery, response=AnalyticsOut, endpoint=f"analytics_{path}", description=description)


@_route("overview", "Overview", "Messages sent, delivered, opened and clicked, revenue, trends by day and engagement "
        "by weekday and hour; top_campaigns: the campaigns that sent in the period, with their sends, unique "
        "opens and clicks so far and their rates (of messages delivered, as the campaign's own analytics), best "
        "click rate first.")
def overview(query):
    def report(organization_id, period):
        data = reports.overview(organization_id, period)
        data.pop("engagement_grid")
        return data
    return _answer(query, report)


@_route("contacts", "Contacts", "Totals by status now; growth, churn, list growth and sources over the period.")
def contacts(query):
    return _answer(query, reports.contacts)


@_route("revenue", "Revenue", "From events with revenue, in one currency (the business's by default, from its "
        "country); "
        "revenue_by_campaign: each event's revenue credited to the last campaign its contact clicked within the five "
        "days before it (worked out when the event is recorded).")
def revenue(query):
    currency = (query.currency or currency_of(current_credential().membership.organization)).upper()
    return _answer(query, lambda organization_id, period: reports.revenue(organization_id, period, currency))


@_route("clients", "Email clients", "Shares of email opens by client (gmail, outlook, apple_mail ...).")
def clients(query):
    return _answer(query, lambda organization_id, period: _shares(organization_id, period, "engagement.client", "clients"))


@_route("devices", "Devices", "Shares of opens and clicks by device: desktop, mobile, tablet.")
def devices(query):
    return _answer(query, lambda organization_id, period: _shares(organization_id, period, "engagement.device", "devices"))


@_route("geographic", "Geographic", "New contacts of the period by country, read from their phone numbers (no "
        "network lookups); \"unknown\" when a contact has none.")
def geographic(query):
    def report(organization_id, period):
        counts = reports.dimension_report(organization_id, period, "contact.country")
        return {"countries": [{"country": code or "unknown", "contacts": count, "share": counts["shares"][code]}
                              for code, count in counts["counts"].items()], "total": counts["total"]}
    return _answer(query, report)


@_route("reviews", "Reviews", "The review funnel (asked → opened → clicked → rated) and the ratings. Each step's "
                               "`rate` is a share of the step named in its `of`: rated is of opened, as a customer may "
                               "rate on the review page without clicking through to a review site.")
def reviews(query):
    return _answer(query, reports.reviews)


def _shares(organization_id, period, metric, name):
    report = reports.dimension_report(organization_id, period, metric)
    return {name: report["shares"], "counts": report["counts"], "total": report["total"]}
