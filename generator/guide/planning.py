"""The guide's advice on timing: plan months ahead, evaluate after half a year."""

from __future__ import annotations

import calendar
import datetime as dt

# Evaluate content, form, mood and well-being once the group has met for half a year.
EVALUATION_MONTHS = 6
# Warn when nothing is planned further ahead than this (the guide: plan ½–1 year ahead).
PLAN_AHEAD_MONTHS = 3


def add_months(day: dt.date, months: int) -> dt.date:
    """The same day `months` later, or the month's last day when it is shorter."""
    month_index = day.month - 1 + months
    year, month = day.year + month_index // 12, month_index % 12 + 1
    return dt.date(year, month, min(day.day, calendar.monthrange(year, month)[1]))
