"""衢州政报 policy library: records → load → derive → render → publish.

Nothing in this package imports MkDocs; ``hooks/library.py`` adapts it.
"""
