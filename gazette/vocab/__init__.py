"""The domain's words and rules, each defined once: a leaf package that imports nothing else
from ``gazette``. Derive, importer, templates (through the render context), exports and the
browser (through ``assets/rules.json``) receive them from here."""
