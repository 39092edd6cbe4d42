"""Keeping text inert where it lands, keeping CPR numbers out, and checking the built output before it is published."""
