"""Storage: the table contract, the content-addressed raw store, idempotent atomic table writes."""
