"""An issue of the gazette as the print and the records name it.

* its id, ``2018-05``: the year and the number within the year (:func:`issue_id`); it names the
  issue's record (``data/issues/2018-05.yaml``) and the issue a document cites
  (``Document.issue``, whose pattern ``records/models.py`` checks);
* its name as the gazette prints it, ``2018年第5期`` (:func:`issue_name`);
* the cover month, as the cover prints it: ``2018年6月`` (:data:`PRINTED_MONTH`). A record's
  ``printed_month`` keeps it as printed; the build finds the month in it
  (``derive/plausibility.py``), the importer takes a cover line that is nothing else
  (``importer/toc.py``).
"""

from __future__ import annotations

import re

from gazette.vocab.normalize import DIGIT

# What an issue id looks like (a document's ``issue``, checked by records/models.py): what issue_id writes.
ISSUE_ID = r"\d{4}-\d{2}"


def issue_id(year: int, number: int) -> str:
    """2018, 5 → ``2018-05``."""
    return f"{year}-{number:02d}"


def issue_name(year: int, number: int) -> str:
    """2018, 5 → ``2018年第5期``."""
    return f"{year}年第{number}期"


# Spaces between the parts are the extraction's, not the print's.
PRINTED_MONTH = re.compile(rf"(?P<year>{DIGIT}{{4}})\s*年\s*(?P<month>{DIGIT}{{1,2}})\s*月")
