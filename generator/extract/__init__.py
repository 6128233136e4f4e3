"""Extraction stages: articles -> actors, events, positions (one module per stage)."""
