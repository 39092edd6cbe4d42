"""The calendar feed: one event per meeting and deadline, written as iCalendar, numbered by a committed state."""
