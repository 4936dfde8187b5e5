"""The build date: the day statuses (已届满, 尚未施行) are computed for.

``SOURCE_DATE_EPOCH`` (the reproducible-builds convention: seconds since the
epoch) fixes it, so tests and rebuilds of one commit give the same pages;
without it, today's date in China Standard Time, where the gazette is published.
"""

from __future__ import annotations

import datetime as dt
import os

CST = dt.timezone(dt.timedelta(hours=8), "CST")
ENV = "SOURCE_DATE_EPOCH"


class BuildDateError(ValueError):
    """SOURCE_DATE_EPOCH is set but is not a whole number of seconds."""


def build_date(environ: dict[str, str] | None = None) -> dt.date:
    env = os.environ if environ is None else environ
    value = env.get(ENV)
    if value is None or value.strip() == "":
        return dt.datetime.now(CST).date()
    try:
        return dt.datetime.fromtimestamp(int(value.strip()), CST).date()
    except (ValueError, OverflowError, OSError) as exc:
        raise BuildDateError(f"{ENV}={value!r} is not a number of seconds since 1970-01-01") from exc
