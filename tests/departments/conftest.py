"""The responsibility tests use the suite's shared fixtures (tests/conftest.py):
``site``, ``served_site`` and ``chromium`` (one Playwright instance per session)."""
