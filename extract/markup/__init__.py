"""What every source's parsers share: targeted HTML scans, safe feed XML, URL keys, and the
site selectors loaded from each source folder's `selectors.toml` (selectors are data).
"""
