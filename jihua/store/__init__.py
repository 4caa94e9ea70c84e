"""The store: plans of many regions and years, with history (SQLite or PostgreSQL)."""
