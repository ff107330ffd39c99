"""``python -m grader`` is the ``grade`` command (handy where scripts are not on PATH)."""
from grader.cli import main

main()
