"""Render: the page plan (``pages.plan_pages``) from the views and the templates."""
