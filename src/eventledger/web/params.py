"""Query parameters shared by the API and the pages, validated once."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Request

from eventledger.store import EventFilter, Store

MAX_LIMIT = 500
MAX_OFFSET = 10_000_000
# Dates as the store keeps them: YYYY, YYYY-MM or YYYY-MM-DD (an empty form field means "any").
DATE_PATTERN = r"^(\d{4}(-\d{2}(-\d{2})?)?)?$"
MONTH_PATTERN = r"^(\d{4}-\d{2})?$"
FILTER_NAMES = (
    "since",
    "until",
    "month",
    "kind",
    "event_type",
    "sub_event_type",
    "admin1",
    "country",
    "actor",
    "text",
    "story_id",
)

Sort = Literal["-date", "date", "-killed", "killed", "-n_reports", "n_reports", "admin1", "-admin1"]
Text = Annotated[str | None, Query(max_length=200)]


def event_filter(
    since: Annotated[str | None, Query(pattern=DATE_PATTERN, description="first date, YYYY[-MM[-DD]]")] = None,
    until: Annotated[str | None, Query(pattern=DATE_PATTERN, description="last date, inclusive")] = None,
    month: Annotated[str | None, Query(pattern=MONTH_PATTERN, description="YYYY-MM")] = None,
    kind: Text = None,
    event_type: Text = None,
    sub_event_type: Text = None,
    admin1: Text = None,
    country: Text = None,
    actor: Annotated[str | None, Query(max_length=200, description="actor id")] = None,
    text: Annotated[str | None, Query(max_length=200, description="words in the summary")] = None,
    story_id: Text = None,
) -> EventFilter:
    """The EventFilter of a request; empty strings (blank form fields) mean no filter."""
    values = dict(
        since=since,
        until=until,
        month=month,
        kind=kind,
        event_type=event_type,
        sub_event_type=sub_event_type,
        admin1=admin1,
        country=country,
        actor=actor,
        text=text,
        story_id=story_id,
    )
    return EventFilter(**{k: (v.strip() or None) if isinstance(v, str) else v for k, v in values.items()})


def filter_params(filters: EventFilter) -> dict[str, str]:
    """The non-empty fields of a filter, as query parameters (for links that keep the filter)."""
    return {name: value for name in FILTER_NAMES if (value := getattr(filters, name))}


Limit = Annotated[int, Query(ge=1, le=MAX_LIMIT, description=f"at most {MAX_LIMIT}")]
Offset = Annotated[int, Query(ge=0, le=MAX_OFFSET)]


def store_of(request: Request) -> Store:
    """The store the app was created with."""
    store: Store = request.app.state.store
    return store
