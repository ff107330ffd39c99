"""Mutation-testing campaign (see __main__.py)."""
