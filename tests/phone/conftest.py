"""Phone, print and touch contexts over the session's served site (tests/conftest.py)."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(chromium) -> Iterator[object]:
    """A 375 px touch screen (pointer: coarse), as a phone."""
    context = chromium.new_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True, locale="zh-CN")
    yield context
    context.close()


@pytest.fixture
def desktop(chromium) -> Iterator[object]:
    context = chromium.new_context(viewport={"width": 1280, "height": 900}, locale="zh-CN")
    yield context
    context.close()
