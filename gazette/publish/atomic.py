"""The local publish command: validate the records, build strictly, check links, swap in.

    python -m gazette.publish.atomic validate        # records only, errors with file:line
    python -m gazette.publish.atomic site-url        # SITE_URL must be a public address
    python -m gazette.publish.atomic build [--site site]

``validate`` loads the records, renders every page and runs every export into a
throw-away directory: what would fail a build fails here, with file:line where a
record is at fault. ``build`` writes the new site into a temporary directory next
to ``site/`` (same filesystem), checks every link of it, and only then replaces
``site/`` in one rename (Linux ``renameat2(RENAME_EXCHANGE)``; elsewhere two
renames with signals held and a rollback). A run stopped by SIGTERM, SIGINT or
SIGHUP stops MkDocs and removes its temporary directory; one killed outright
leaves it behind, and the next run removes it (runs take a lock, so it is never
another run's). A published build keeps its canonical address,
so ``build`` (and ``site-url``, which ``make publish`` runs first) refuses to
run unless ``SITE_URL`` is a public https address (``siteurl.publishable_site_url``; http with
``--allow-http``, which ``make publish ALLOW_HTTP=1`` passes). A failed build or link check removes the
temporary directory and leaves the previously built site exactly as it was.
``make publish`` runs validate → tests → build; CI runs the same target.

MkDocs runs as a subprocess: the package never imports it.
"""

from __future__ import annotations

import argparse
import ctypes
import errno
import fcntl
import os
import shutil
import signal
import subprocess
import sys
import tempfile
from pathlib import Path

import lxml.html

from gazette.derive.catalog import build_library
from gazette.load.errors import RecordError, RecordErrors
from gazette.publish import PublishError, dry_run
from gazette.publish.linkcheck import check_site
from gazette.publish.siteurl import SiteUrlError, public_site_url, publishable_site_url
from gazette.render.collisions import check_pages
from gazette.render.pages import plan_pages, render_extras

TEMP_PREFIXES = (".site-build-", ".site-old-")
_SIGNALS = (signal.SIGTERM, signal.SIGINT, signal.SIGHUP)


def validate(project: Path) -> int:
    """Everything a build does with the records, without writing the site."""
    templates = project / "overrides" / "gazette"
    try:
        library = build_library(project / "data")
        check_pages(library, plan_pages(library, templates), templates, project / "docs")
        render_extras(library, templates)
        dry_run(library, templates, public_site_url(os.environ.get("SITE_URL")))
    except SiteUrlError as exc:
        print(f"SITE_URL 有误：{exc}", file=sys.stderr)
        return 2
    except (RecordError, RecordErrors) as exc:
        print(f"{project / 'data'} 中的记录有误：\n{exc}", file=sys.stderr)
        return 1
    except PublishError as exc:
        print(f"记录可以读取，但无法发布：{exc}", file=sys.stderr)
        return 1
    print(f"记录有效：{len(library.issues)} 期，{len(library.documents)} 份文件，"
          f"{len(library.departments)} 个单位，{len(library.tasks)} 项任务")
    return 0


def require_public_site_url(allow_http: bool = False) -> str | None:
    """The public SITE_URL, or None after saying (in Chinese) why it is refused."""
    try:
        return publishable_site_url(os.environ.get("SITE_URL"), allow_http=allow_http)
    except SiteUrlError as exc:
        print(f"SITE_URL 不能用于发布：{exc}", file=sys.stderr)
        return None


def _site_url(site: Path) -> str:
    """The site_url the build used, as the home page's canonical link states it."""
    tree = lxml.html.parse(str(site / "index.html"))
    hrefs = tree.xpath("//link[@rel='canonical']/@href")
    return hrefs[0] if hrefs else "/"


def _exchange(a: Path, b: Path) -> bool:
    """Swap two directories in one rename (Linux renameat2 RENAME_EXCHANGE); False if unsupported."""
    try:
        renameat2 = ctypes.CDLL(None, use_errno=True).renameat2
    except (OSError, AttributeError):
        return False
    renameat2.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    at_fdcwd, rename_exchange = -100, 2
    if renameat2(at_fdcwd, os.fsencode(a), at_fdcwd, os.fsencode(b), rename_exchange) == 0:
        return True
    err = ctypes.get_errno()
    if err in (errno.ENOSYS, errno.EINVAL, errno.EOPNOTSUPP):
        return False
    raise OSError(err, os.strerror(err), str(b))


def _swap(new: Path, site: Path) -> None:
    """Put ``new`` in place of ``site``: at every instant ``site`` is the old or the new build."""
    new.chmod(0o755)  # mkdtemp makes it private; the web server must read it
    if not site.exists():
        os.rename(new, site)
        return
    if _exchange(new, site):
        shutil.rmtree(new)  # now the previous build
        return
    old = Path(tempfile.mkdtemp(prefix=".site-old-", dir=site.parent))
    old.rmdir()
    held = signal.pthread_sigmask(signal.SIG_BLOCK, _SIGNALS)  # no stop between the two renames
    try:
        os.rename(site, old)
        try:
            os.rename(new, site)
        except OSError:
            os.rename(old, site)  # rollback: the previous build stays published
            raise
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, held)
    shutil.rmtree(old)


def _die_with_parent() -> None:
    """In the MkDocs child: if this run is killed outright, MkDocs is killed too (Linux
    PR_SET_PDEATHSIG), so nothing keeps writing into a directory the next run removes."""
    try:
        ctypes.CDLL(None, use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except (OSError, AttributeError):
        pass


class _Stopped(Exception):
    def __init__(self, signum: int):
        self.signum = signum
        super().__init__(signal.Signals(signum).name)


def _stop(signum: int, _frame: object) -> None:
    raise _Stopped(signum)


def _remove_leftovers(parent: Path) -> None:
    """Temporary directories of runs killed outright (only called with the lock held)."""
    for path in parent.iterdir():
        if path.name.startswith(TEMP_PREFIXES) and path.is_dir() and not path.is_symlink():
            shutil.rmtree(path, ignore_errors=True)
            print(f"已删除上次中断的发布留下的临时目录 {path.name}", file=sys.stderr)


def build(project: Path, site: Path, allow_http: bool = False) -> int:
    if require_public_site_url(allow_http) is None:
        return 2
    site = site if site.is_absolute() else project / site
    site.parent.mkdir(parents=True, exist_ok=True)
    with open(site.parent / f".{site.name}.lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # one run at a time per output directory
        previous = {signum: signal.signal(signum, _stop) for signum in _SIGNALS}
        try:
            _remove_leftovers(site.parent)
            return _build(project, site)
        except _Stopped as stop:
            print(f"发布被信号 {stop} 中止；{site} 保持原样", file=sys.stderr)
            return 128 + stop.signum
        finally:
            for signum, handler in previous.items():
                signal.signal(signum, handler)


def _build(project: Path, site: Path) -> int:
    work = Path(tempfile.mkdtemp(prefix=".site-build-", dir=site.parent))
    try:
        env = {**os.environ, "NO_MKDOCS_2_WARNING": "1"}
        # run() stops MkDocs when a signal interrupts the wait
        result = subprocess.run(
            [sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet",
             "-f", str(project / "mkdocs.yml"), "-d", str(work)],
            cwd=project, env=env, check=False, preexec_fn=_die_with_parent if sys.platform == "linux" else None,
        )
        if result.returncode != 0:
            print(f"构建失败（退出码 {result.returncode}）；{site} 保持原样", file=sys.stderr)
            return 1
        report = check_site(work, _site_url(work))
        for line in report.broken + report.third_party:
            print(line, file=sys.stderr)
        print(report.summary())
        if not report.ok:
            print(f"链接检查未通过；{site} 保持原样", file=sys.stderr)
            return 1
        _swap(work, site)
        print(f"已发布 {site}")
        return 0
    finally:
        if work.exists():
            shutil.rmtree(work, ignore_errors=True)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("command", choices=["validate", "site-url", "build"])
    parser.add_argument("--project", type=Path, default=Path.cwd(), help="directory with mkdocs.yml and data/")
    parser.add_argument("--site", type=Path, default=Path("site"), help="output directory (relative to --project)")
    parser.add_argument("--allow-http", action="store_true", help="accept an http:// SITE_URL (make publish ALLOW_HTTP=1)")
    args = parser.parse_args(argv)
    project = args.project.resolve()
    if args.command == "validate":
        return validate(project)
    if args.command == "site-url":
        url = require_public_site_url(args.allow_http)
        if url:
            print(f"SITE_URL: {url}")
        return 0 if url else 2
    return build(project, args.site, args.allow_http)


if __name__ == "__main__":
    sys.exit(main())
