"""The calendar feed: one event per meeting and deadline, written as iCalendar, numbered from the group file's history in git."""
