"""Extractors: pure functions from a processed Doc to records."""
