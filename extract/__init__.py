"""Source connectors: discover new items, fetch them politely, parse raw bytes into documents."""
