"""Checks of the embedded briefing's content (data/), not of the tool (marker `embedded`)."""
