"""Every fact the site, the print pages and the calendar show about a group's meetings, computed once, each with its audience."""
