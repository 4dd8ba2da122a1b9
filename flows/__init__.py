"""Prefect flows, deployments, settings and the command line: wiring only, no stage logic.

Nothing here is imported at package import time, so `circularity extract` and `circularity
parse` run without starting Prefect.
"""
