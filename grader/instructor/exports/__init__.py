"""Exports of a batch grading: every one is built from a list of ``StudentRecord`` only.

One module per format, each a pure function from records (and a language where
text is involved) to a file: ``table`` (CSV), ``gradebook`` (JSON), ``junit``
(JUnit XML), ``gradescope`` (Gradescope ``results.json``), ``classroom``
(Exercism v3 / GitHub Classroom result JSON), ``feedback`` (a Markdown file
per student, Persian and English) and ``stats`` (per-check statistics);
``everything`` writes them all into one folder (``grade export``).
"""
