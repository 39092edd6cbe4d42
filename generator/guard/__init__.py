"""Checks of the built output before it is published: no script, handler or load netvaerk did not write; no members-only value shown."""
