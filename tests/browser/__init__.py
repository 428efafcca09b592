"""Browser tests: the graph page in Chromium (see conftest.py)."""
