"""The site's public address (``SITE_URL``) and the links derived from it.

A build knows where it will be read only when ``SITE_URL`` names a public
address. Without one (unset, empty, or a loopback host such as the
``mkdocs serve`` default ``http://127.0.0.1:8000/``) an absolute link would
send readers to a machine that is not theirs, so every format falls back to
what still resolves wherever the files are served:

* HTML pages: no ``<link rel="canonical">``; the copied citation uses the
  page's own address (``docs/assets/cite.js``);
* JSON and CSV: URL fields are relative references, resolved against the
  address of the file that holds them (RFC 3986);
* Atom feed: links relative to ``feed.xml``; ids are ``urn:uuid`` names
  derived from the page path (Atom requires an absolute id);
* iCalendar: no ``URL`` property (it must be absolute);
* sitemap: not written (the protocol requires absolute URLs); robots.txt has
  no ``Sitemap:`` line.

``make publish`` refuses to run without a public address.
"""

from __future__ import annotations

import ipaddress
import posixpath
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from gazette.render.env import relative_url


def public_site_url(value: str | None) -> str | None:
    """``value`` ending in "/" when it is a public http(s) address, else None."""
    if not value or not value.strip():
        return None
    parts = urlsplit(value.strip())
    host = (parts.hostname or "").lower()
    if parts.scheme not in ("http", "https") or not host:
        return None
    if host == "localhost" or host.endswith(".localhost"):
        return None
    try:
        address = ipaddress.ip_address(host)
    except ValueError:
        pass
    else:
        if address.is_loopback or address.is_unspecified:
            return None
    url = value.strip()
    return url if url.endswith("/") else url + "/"


@dataclass(frozen=True)
class SiteLinks:
    """Links to site pages from files written into the built site."""

    base: str | None  # public address ending in "/", or None

    def url(self, target: str, at: str) -> str:
        """Link to site-relative ``target`` (e.g. ``2018/qzbf-33/#art_3``) from the
        file at site path ``at`` (e.g. ``data/documents.json``): absolute under a
        public address, else relative to that file."""
        if self.base is not None:
            return self.base + target
        return relative_url(posixpath.dirname(at) + "/" if "/" in at else "", target)

    def absolute(self, target: str) -> str | None:
        """Absolute URL of ``target``, or None when the build has no public address."""
        return None if self.base is None else self.base + target

    def atom_id(self, target: str) -> str:
        """A permanent absolute id for a feed entry."""
        if self.base is not None:
            return self.base + target
        return uuid.uuid5(uuid.NAMESPACE_URL, "zhengbao:" + target).urn
