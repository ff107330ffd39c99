"""Raises SystemExit at import."""
import sys

sys.exit(0)
