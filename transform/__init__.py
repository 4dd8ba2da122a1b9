"""Pure functions from text to deal mentions and normalized deals: no I/O in this package."""
