"""Downstream analysis: the money-flow graph built from deals, and the loops in it."""
