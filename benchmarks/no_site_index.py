"""MkDocs hook for the benchmark's comparison builds: the site without its own search index.

benchmarks/search.py adds it to the mkdocs.yml of a throw-away copy of the
project, so Pagefind and Material's lunr are timed and sized on the site
alone, not on the site plus the index they stand in for.
"""

import gazette.publish

# publish() reads the module's STEPS when it runs: the same order, minus the index.
gazette.publish.STEPS = tuple(step for step in gazette.publish.STEPS if step.__module__ != "gazette.publish.search")
