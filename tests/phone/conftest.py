"""Phone and desktop contexts over the session's served site (tests/conftest.py), shared by the
worker's tests: a test opens its own tabs (``phone.new_page()``), closed after it."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

PHONE = {"width": 375, "height": 812}


@pytest.fixture
def phone(shared_context: Callable[..., Any]) -> Any:
    """A 375 px touch screen (pointer: coarse), as a phone."""
    return shared_context(viewport=PHONE, device_scale_factor=2, is_mobile=True, has_touch=True)


@pytest.fixture
def desktop(shared_context: Callable[..., Any]) -> Any:
    return shared_context(viewport={"width": 1280, "height": 900})
