"""``sitemap.xml`` (and ``.gz``) with ``lastmod`` from the records, and ``robots.txt``.

MkDocs writes its own sitemap with the build date as every page's lastmod,
which makes two builds of the same commit differ and tells crawlers nothing.
This step replaces both files after the build:

* a document page's lastmod is when it appeared (see ``feeds.document_dates``);
* an issue page's is the issue's ``published`` date;
* a department page's is the newest document that names the unit;
* every other page (home, indexes, hand-written pages) changes when records
  land, so it gets the newest record date.

The page list is every ``index.html`` in the built site, so pages added by
other steps or hand-written pages are never missed.
"""

from __future__ import annotations

import datetime as dt
import gzip
import io
from pathlib import Path

from lxml import etree

from gazette.derive.views import Library
from gazette.fsio import write_atomic
from gazette.publish.context import PublishContext
from gazette.publish.feeds import document_dates

NS = "http://www.sitemaps.org/schemas/sitemap/0.9"


def page_dates(library: Library) -> tuple[dict[str, dt.date], dt.date | None]:
    """lastmod by site-relative page URL, and the newest record date (for every other page)."""
    dates: dict[str, dt.date] = {}
    for issue in library.issues:
        dates[issue.url] = issue.record.published
    for doc in library.documents:
        dates[doc.url] = document_dates(doc)[1]
    for dept in library.departments:
        named = {d.id for d in dept.documents} | {t.doc.id for t in dept.tasks}
        if named:
            dates[dept.url] = max(document_dates(library.document(i))[1] for i in named)
    newest = max(dates.values()) if dates else None
    return dates, newest


def site_pages(site_dir: Path) -> list[str]:
    """Site-relative URLs of every built page, sorted ("" is the home page)."""
    urls = []
    for path in site_dir.rglob("index.html"):
        rel = path.parent.relative_to(site_dir).as_posix()
        urls.append("" if rel == "." else rel + "/")
    return sorted(urls)


def build_sitemap(urls: list[str], library: Library, site_url: str) -> bytes:
    dates, newest = page_dates(library)
    urlset = etree.Element(f"{{{NS}}}urlset", nsmap={None: NS})
    notices = {person.url for person in library.persons}  # a person's old URL is no page to list
    for url in urls:
        if url in notices:
            continue
        entry = etree.SubElement(urlset, f"{{{NS}}}url")
        etree.SubElement(entry, f"{{{NS}}}loc").text = site_url + url
        day = dates.get(url, newest)
        if day is not None:
            etree.SubElement(entry, f"{{{NS}}}lastmod").text = day.isoformat()
    xml: bytes = etree.tostring(urlset, xml_declaration=True, encoding="UTF-8", pretty_print=True)
    return xml


def gzip_bytes(data: bytes) -> bytes:
    """Gzip with no name and mtime 0, so the same sitemap gives the same bytes."""
    out = io.BytesIO()
    with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0) as gz:
        gz.write(data)
    return out.getvalue()


def robots_txt(site_url: str | None) -> str:
    sitemap = f"\nSitemap: {site_url}sitemap.xml\n" if site_url else ""
    return f"User-agent: *\nAllow: /\n{sitemap}"


def write_sitemap(ctx: PublishContext) -> None:
    site_url = ctx.site_url
    write_atomic(ctx.site_dir / "robots.txt", robots_txt(site_url))
    if site_url is None:
        # Sitemaps list absolute URLs only; MkDocs' own would list bare paths.
        for name in ("sitemap.xml", "sitemap.xml.gz"):
            (ctx.site_dir / name).unlink(missing_ok=True)
        return
    data = build_sitemap(site_pages(ctx.site_dir), ctx.library, site_url)
    write_atomic(ctx.site_dir / "sitemap.xml", data)
    write_atomic(ctx.site_dir / "sitemap.xml.gz", gzip_bytes(data))
