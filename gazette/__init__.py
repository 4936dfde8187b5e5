"""衢州政报 policy library: records → load → derive → render → publish.

* ``gazette.records``: typed record models (the schema);
* ``gazette.load``: ``load_raw(data/)`` reads and validates every record file;
* ``gazette.derive``: ``build_library(data/)`` returns the complete ``Library``
  of frozen views (``derive/views.py``);
* ``gazette.render``: ``plan_pages(library, templates)`` gives every generated
  page as data;
* ``gazette.publish``: ``publish(ctx)`` writes the files after the pages, in
  the order of ``STEPS``;
* ``gazette.importer``: gazette text → draft records.

Nothing in this package imports MkDocs; ``hooks/library.py`` adapts it.
"""
