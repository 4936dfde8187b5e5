"""MkDocs adapter for the ``gazette`` package. It only translates.

The module keeps no build state: ``on_config`` installs one ``LibraryPlugin`` per
build into MkDocs' plugin collection, and that object holds what the build
derived (MkDocs runs a plugin's events on the instance it was given). The one
fact kept is the command (``on_startup``): under ``mkdocs serve`` pages allow
the server's live-reload script (``gazette/publish/csp.py``), and a rebuild
that fails shows its error page in the browser (``on_serve``,
``gazette/publish/preview.py``) instead of leaving requests waiting.

Records are loaded and validated in ``on_pre_build``, before MkDocs cleans
the site directory, so bad input fails the build with nothing written.
Generated pages exist only in memory (``File.generated``); their HTML comes
from the package's templates and bypasses Markdown, so record text is never
read as Markdown. Which generated pages are hub pages of the navigation is
said by the page plan (``PageSpec.in_nav``); the publish steps, search index
included, run in the order ``gazette.publish.STEPS`` gives.
"""

from __future__ import annotations

import sys
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from markupsafe import escape
from mkdocs.config.base import Config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.livereload import LiveReloadServer
from mkdocs.plugins import BasePlugin
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.structure.nav import Navigation
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import TableOfContents, get_toc

from gazette.derive.catalog import build_library
from gazette.derive.views import Library
from gazette.fsio import WriteError
from gazette.load.errors import RecordError, RecordErrors
from gazette.publish import PublishContext, PublishError, Staged, dry_run, publish
from gazette.publish.preview import show_build_error
from gazette.publish.search import FIRST_FETCHES
from gazette.publish.siteurl import SiteUrlError, public_site_url
from gazette.render.collisions import check_pages
from gazette.render.page_scripts import scripts_for
from gazette.render.pages import PageSpec, TocItem, plan_pages, render_extras


@dataclass(frozen=True)
class Derived:
    """What one build derived from the records, before MkDocs writes anything."""

    library: Library
    pages: dict[str, PageSpec]  # by src_uri
    extras: dict[str, str]  # HTML appended to hand-written pages, by src_uri


def _token(item: TocItem) -> dict[str, object]:
    return {"level": item.level, "id": item.id, "name": item.html or str(escape(item.title)), "children": [_token(c) for c in item.children]}


class NoOptions(Config):
    """The plugin takes no options."""


class LibraryPlugin(BasePlugin[NoOptions]):
    def __init__(self, root: Path, preview: bool = False):
        self.root = root
        self.preview = preview  # built by `mkdocs serve`
        self._derived: Derived | None = None
        self._staged: Staged | None = None  # the dry run's export files, copied in on_post_build

    @property
    def templates(self) -> Path:
        return self.root / "overrides" / "gazette"

    @property
    def derived(self) -> Derived:
        if self._derived is None:
            raise PluginError("gazette: the library is used before on_pre_build loaded it")
        return self._derived

    def on_pre_build(self, *, config: MkDocsConfig) -> None:
        try:
            library = build_library(self.root / "data")
            planned = plan_pages(library, self.templates, public_site_url(config.site_url))
            check_pages(library, planned, self.templates, Path(config.docs_dir))
        except (RecordError, RecordErrors) as exc:
            raise PluginError(f"Invalid records in data/:\n{exc}") from None
        pages = {p.src_uri: p for p in planned}
        self._derived = Derived(library, pages, render_extras(library, self.templates))
        # Every export is tried now, while the output directory is untouched (MkDocs cleans it next).
        self._discard_staged()
        try:
            self._staged = dry_run(library, self.templates, public_site_url(config.site_url), keep=True)
        except PublishError as exc:
            raise PluginError(str(exc)) from None

    def _discard_staged(self) -> None:
        if self._staged is not None:
            self._staged.close()
            self._staged = None

    def on_build_error(self, *, error: Exception) -> None:
        self._discard_staged()

    def on_files(self, files: Files, /, *, config: MkDocsConfig) -> Files:
        for spec in self.derived.pages.values():
            inclusion = InclusionLevel.UNDEFINED if spec.in_nav else InclusionLevel.NOT_IN_NAV
            files.append(File.generated(config, spec.src_uri, content="", inclusion=inclusion))
        return files

    def on_page_markdown(self, markdown: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        if page.meta.get("search_page"):
            page.meta["entry_data"] = list(FIRST_FETCHES)
            # Its first scripts (rules.js, search.js) and those files are held in its head
            # (gazette/publish/entry.py), before the stylesheets: at the end of the body the scripts
            # would run only once the stylesheets have arrived (the theme's alone is 22 KB gzip), and
            # fetched they cost a round trip before the query's lists can be asked for.
            page.meta["first_scripts_in_head"] = True
        spec = self.derived.pages.get(page.file.src_uri)
        if spec is None:
            return markdown
        # MkDocs renders theme templates without autoescaping: hand them escaped text.
        page.meta["title"] = escape(spec.title)
        if spec.description:
            page.meta["description"] = escape(spec.description)
        if spec.citation:
            page.meta["citation"] = escape(spec.citation)
        if spec.feeds:
            page.meta["feeds"] = [{"title": escape(title), "path": path} for title, path in spec.feeds]
        return ""

    def on_page_context(
        self, context: dict[str, Any], /, *, page: Page, config: MkDocsConfig, nav: Navigation
    ) -> dict[str, Any]:
        # A canonical link to a loopback or unset address would send readers elsewhere.
        if public_site_url(config.site_url) is None:
            page.canonical_url = None
        return context

    def on_page_content(self, html: str, /, *, page: Page, config: MkDocsConfig, files: Files) -> str:
        spec = self.derived.pages.get(page.file.src_uri)
        if spec is not None:
            toc: TableOfContents = get_toc([_token(item) for item in spec.toc])
            page.toc = toc
            content = spec.html
        else:
            content = html + self.derived.extras.get(page.file.src_uri, "")
        page.meta["gazette_scripts"] = scripts_for(content)
        return content

    def on_post_build(self, *, config: MkDocsConfig) -> None:
        site_url = public_site_url(config.site_url)
        ctx = PublishContext(self.derived.library, Path(config.site_dir), site_url, self.templates, self.preview)
        try:
            publish(ctx, self._staged)
        except WriteError as exc:  # a full disk: say so, without a traceback
            raise PluginError(f"构建未完成：{exc}") from None
        finally:
            self._discard_staged()


def on_config(config: MkDocsConfig) -> MkDocsConfig:
    try:  # a malformed address would be copied into every canonical link, feed id and sitemap entry
        public = public_site_url(config.site_url)
    except SiteUrlError as exc:
        raise PluginError(f"SITE_URL 有误：{exc}") from None
    # Templates link sitemap.xml only where the build writes it (gazette/publish/sitemap.py).
    config.extra["gazette_sitemap"] = public is not None
    config.plugins["gazette/library"] = LibraryPlugin(Path(config.config_file_path).parent, _COMMAND.serve)
    return config


@dataclass
class _Command:
    """The MkDocs command of this process. MkDocs names it once, in ``on_startup``, before any
    configuration exists; it is the one fact this module keeps between builds."""

    serve: bool = False


_COMMAND = _Command()


def on_startup(*, command: str, dirty: bool) -> None:
    _COMMAND.serve = command == "serve"


def on_serve(server: LiveReloadServer, *, config: MkDocsConfig, builder: Callable[..., None]) -> LiveReloadServer:
    """A rebuild that fails shows its error in the editor's browser at once: the development
    server would otherwise hold every page request until a rebuild succeeds."""
    rebuild = server.builder
    root = Path(config.config_file_path).parent

    def rebuild_or_show_error() -> None:
        try:
            rebuild()
        except Exception as exc:
            # MkDocs logs a plugin's error, then raises Abort; the error itself is its context
            cause = exc.__context__ if isinstance(exc.__context__, PluginError) else exc
            message = str(cause)
            pages = show_build_error(Path(config.site_dir), root / "overrides" / "gazette", message)
            print(f"构建失败：上面的错误已显示在浏览器中（{pages} 个页面）；改正记录后自动重新生成", file=sys.stderr)

    server.builder = rebuild_or_show_error
    return server
