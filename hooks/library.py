"""MkDocs adapter for the ``gazette`` package. It only translates.

Records are loaded and validated in ``on_pre_build``, before MkDocs cleans
the site directory, so bad input fails the build with nothing written.
Generated pages exist only in memory (``File.generated``); their HTML comes
from the package's templates and bypasses Markdown, so record text is never
read as Markdown.
"""

from __future__ import annotations

from pathlib import Path

from markupsafe import escape
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import get_toc

from gazette.derive.catalog import build_library
from gazette.load.errors import RecordError, RecordErrors
from gazette.publish import PublishContext, publish
from gazette.publish.search import build_search_index
from gazette.publish.siteurl import public_site_url
from gazette.render.pages import PageSpec, TocItem, plan_pages, render_extras

HUB_PAGES = {"issues/index.md", "documents/index.md", "departments/index.md", "citations/index.md", "lookup/index.md"}

_state: dict[str, object] = {}


def _root(config: MkDocsConfig) -> Path:
    return Path(config.config_file_path).parent


def on_pre_build(config: MkDocsConfig) -> None:
    root = _root(config)
    try:
        library = build_library(root / "data")
    except (RecordError, RecordErrors) as exc:
        raise PluginError(f"Invalid records in data/:\n{exc}") from None
    _state["library"] = library
    templates = root / "overrides" / "gazette"
    _state["pages"] = {p.src_uri: p for p in plan_pages(library, templates)}
    _state["extras"] = render_extras(library, templates)


def on_files(files: Files, config: MkDocsConfig) -> Files:
    pages: dict[str, PageSpec] = _state["pages"]  # type: ignore[assignment]
    for spec in pages.values():
        inclusion = InclusionLevel.UNDEFINED if spec.src_uri in HUB_PAGES else InclusionLevel.NOT_IN_NAV
        files.append(File.generated(config, spec.src_uri, content="", inclusion=inclusion))
    return files


def _spec(page: Page) -> PageSpec | None:
    return _state["pages"].get(page.file.src_uri)  # type: ignore[union-attr]


def on_page_markdown(markdown: str, page: Page, **_: object) -> str:
    spec = _spec(page)
    if spec is None:
        return markdown
    # MkDocs renders theme templates without autoescaping: hand them escaped text.
    page.meta["title"] = escape(spec.title)
    if spec.description:
        page.meta["description"] = escape(spec.description)
    return ""


def _token(item: TocItem) -> dict:
    return {"level": item.level, "id": item.id, "name": str(escape(item.title)), "children": [_token(c) for c in item.children]}


def on_page_context(context: dict, page: Page, config: MkDocsConfig, **_: object) -> dict:
    # A canonical link to a loopback or unset address would send readers elsewhere.
    if public_site_url(config.site_url) is None:
        page.canonical_url = None
    return context


def on_page_content(html: str, page: Page, config: MkDocsConfig, **_: object) -> str:
    spec = _spec(page)
    if spec is not None:
        page.toc = get_toc([_token(item) for item in spec.toc])
        return spec.html
    extras: dict[str, str] = _state["extras"]  # type: ignore[assignment]
    return html + extras.get(page.file.src_uri, "")


def on_post_build(config: MkDocsConfig) -> None:
    root = _root(config)
    site_url = public_site_url(config.site_url)
    publish(PublishContext(_state["library"], Path(config.site_dir), site_url, root / "overrides" / "gazette"))  # type: ignore[arg-type]
    # Last, so the search index sees every page and every published file.
    build_search_index(Path(config.site_dir))
