"""Derive: cross-check records and build the views pages show (``catalog.build_library``).

Each domain rule has its one definition here; ``views.py`` holds the view types.
"""
