"""The organiser's commands that write group files: a new commented file, and planned meetings added in place."""
