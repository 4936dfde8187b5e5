"""Helpers shared by the hardening tests (imported by module name; pytest puts this folder on sys.path).

The record set and ``small_project`` come from ``tests/records.py``, ``build`` and ``copy_project``
from ``tests/project.py``, so these tests reuse exactly the records and the build the rest of the
suite uses.
"""

from __future__ import annotations

from tests.project import ROOT, build, copy_project  # noqa: F401  (re-exported for the hardening tests)
from tests.records import (  # noqa: F401  (re-exported for the hardening tests)
    BASE_FILES,
    DEPARTMENTS,
    DOC_PATH,
    DOCUMENT,
    ISSUE,
    ISSUE_PATH,
    ISSUERS,
    replace_once,
    small_project,
    write_data,
)
