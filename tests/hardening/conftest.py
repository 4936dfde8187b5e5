"""The hardening tests use the suite's shared fixtures (tests/conftest.py): ``site``,
``served_site`` and ``chromium`` (Playwright's sync API cannot run two instances at
once, so every browser test shares the one Chromium)."""
