"""An issue of the gazette as the print and the records name it.

* the cover month, as the cover prints it: ``2018年6月`` (:data:`PRINTED_MONTH`). A record's
  ``printed_month`` keeps it as printed; the build finds the month in it
  (``derive/plausibility.py``), the importer takes a cover line that is nothing else
  (``importer/toc.py``).
"""

from __future__ import annotations

import re

from gazette.vocab.normalize import DIGIT

# Spaces between the parts are the extraction's, not the print's.
PRINTED_MONTH = re.compile(rf"(?P<year>{DIGIT}{{4}})\s*年\s*(?P<month>{DIGIT}{{1,2}})\s*月")
