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

A value that is set must be exactly ``scheme://host[:port]/path/`` (``parse_site_url``):
no credentials, query, fragment, spaces or non-ASCII characters; a build with anything else
fails with a Chinese message saying what is wrong, since the value would be copied into every
canonical link, feed id and sitemap entry. ``make publish`` asks more
(``publishable_site_url``): https (http only with ``ALLOW_HTTP=1``) and a host the internet
reaches — numeric hosts are read as browsers read them (``127.1``, ``2130706433``), so no
loopback or private address passes in any spelling.
"""

from __future__ import annotations

import ipaddress
import posixpath
import re
import socket
import uuid
from dataclasses import dataclass
from urllib.parse import urlsplit

from gazette.render.env import relative_url


class SiteUrlError(ValueError):
    """``SITE_URL`` is not an address the site can be published at; the message (Chinese, for
    whoever sets it) says what is wrong with it."""


# A path segment: RFC 3986 pchar without "%" escapes' ambiguity checked below; no spaces.
_SEGMENT = re.compile(r"[A-Za-z0-9._~!$&'()*+,;=:@%-]+")
_ESCAPE = re.compile(r"%(?![0-9A-Fa-f]{2})")
_LABEL = re.compile(r"[a-z0-9](?:[a-z0-9-]{0,61}[a-z0-9])?")
_NUMERIC_LABEL = re.compile(r"0x[0-9a-f]*|[0-9]+")
# Names that never reach a reader's machine from the public internet.
_LOCAL_SUFFIXES = (".localhost", ".local", ".internal", ".home.arpa", ".lan")


@dataclass(frozen=True)
class SiteAddress:
    """A well-formed ``SITE_URL``: ``url`` ends in "/"; ``local`` is a loopback or unspecified
    host (this machine); ``private`` a host readers on the internet cannot reach."""

    url: str
    scheme: str
    local: bool
    private: bool


def _shown(value: str) -> str:
    """``value`` quoted for a message, a password (``//user:secret@``) masked: errors reach CI logs."""
    return repr(re.sub(r"(?<=//)[^/?#]*@", "***@", value))


def _ip(host: str) -> ipaddress.IPv4Address | ipaddress.IPv6Address | None:
    """The address a numeric host means, read as browsers and ``inet_aton`` read it
    (``127.1``, ``2130706433`` and ``0x7f.1`` are all 127.0.0.1); None for a name."""
    if ":" in host:
        try:
            address = ipaddress.IPv6Address(host)
        except ValueError:
            raise SiteUrlError(f"主机“{host}”不是有效的 IPv6 地址") from None
        return address.ipv4_mapped or address
    if not _NUMERIC_LABEL.fullmatch(host.rstrip(".").rsplit(".", 1)[-1]):
        return None  # a name: its last label is not a number (WHATWG URL "ends in a number")
    try:
        return ipaddress.IPv4Address(socket.inet_aton(host.rstrip(".")))
    except OSError:
        raise SiteUrlError(f"主机“{host}”看似数字地址，但不是有效的 IPv4 地址") from None


def parse_site_url(value: str) -> SiteAddress:
    """``value`` checked to be exactly ``scheme://host[:port]/path/``; raises SiteUrlError naming
    what is wrong. A missing final "/" is added (the address is a directory)."""
    if value != value.strip() or any(ch.isspace() for ch in value):
        raise SiteUrlError(f"SITE_URL={_shown(value)} 含有空白字符；地址中不能有空格或换行")
    if any(ord(ch) < 0x20 or ord(ch) == 0x7F or ch == "\\" for ch in value):
        raise SiteUrlError(f"SITE_URL={_shown(value)} 含有控制字符或反斜杠")
    if not value.isascii():
        raise SiteUrlError(f"SITE_URL={_shown(value)} 含有非 ASCII 字符；中文域名请写成 xn-- 形式，路径中的中文请百分号编码")
    try:
        parts = urlsplit(value)
        host = (parts.hostname or "").lower()
    except ValueError:  # Python checks a bracketed host as IPv6
        raise SiteUrlError(f"SITE_URL={_shown(value)} 的主机不是有效的 IPv6 地址") from None
    if parts.scheme.lower() not in ("http", "https") or not value.lower().startswith(parts.scheme.lower() + "://"):
        raise SiteUrlError(f"SITE_URL={_shown(value)} 应以 https:// 开头（形如 https://example.org/zhengbao/）")
    if "@" in parts.netloc:
        raise SiteUrlError("SITE_URL 含有用户名或密码（“…@”）；它会出现在每个页面的规范链接、订阅源和站点地图中，请去掉")
    if parts.query or "?" in value:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 含有查询串（“?…”）；网站地址不能带查询串")
    if parts.fragment or "#" in value:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 含有片段（“#…”）；它会让订阅源和站点地图的每个地址都指向首页")
    if not host:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 没有主机名")
    try:
        port = parts.port
    except ValueError:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 的端口不是 1–65535 之间的数") from None
    if port == 0:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 的端口不是 1–65535 之间的数")
    address = _ip(host)
    if address is None:
        labels = host.rstrip(".").split(".")
        bad = next((label for label in labels if not _LABEL.fullmatch(label)), None)
        if bad is not None:
            raise SiteUrlError(f"SITE_URL 的主机名“{host}”不合法（“{bad}”：每段只能含字母、数字和连字符）")
    path = parts.path or "/"
    if not path.endswith("/"):
        path += "/"
    segments = path[1:-1].split("/") if path != "/" else []
    for segment in segments:
        if not _SEGMENT.fullmatch(segment) or segment in (".", ".."):
            raise SiteUrlError(f"SITE_URL 的路径“{parts.path}”不合法（段“{segment}”）；应形如 /zhengbao/")
    if _ESCAPE.search(path):
        raise SiteUrlError(f"SITE_URL 的路径“{parts.path}”含有不完整的百分号编码")
    name = host.rstrip(".")
    local = (address is not None and (address.is_loopback or address.is_unspecified)) or (
        name == "localhost" or name.endswith(".localhost"))
    private = local or (address is not None and not address.is_global) or (
        address is None and ("." not in name or name.endswith(_LOCAL_SUFFIXES)))
    netloc = parts.netloc.lower()
    return SiteAddress(f"{parts.scheme.lower()}://{netloc}{path}", parts.scheme.lower(), local, private)


def public_site_url(value: str | None) -> str | None:
    """The address a build links to: ``value`` ending in "/", or None when the build has no
    public address (unset, empty, or this machine: loopback, unspecified, localhost).

    A malformed value raises SiteUrlError (a build must not publish it in every link)."""
    if not value or not value.strip():
        return None
    address = parse_site_url(value)
    return None if address.local else address.url


def publishable_site_url(value: str | None, *, allow_http: bool = False) -> str:
    """The address ``make publish`` deploys to: https (http only with ``allow_http``), and a
    host readers on the internet reach (no loopback, private or link-local address, no
    single-label or .local name). Raises SiteUrlError saying what is wrong."""
    if not value or not value.strip():
        raise SiteUrlError("没有设置 SITE_URL：发布需要读者使用的地址（例如 SITE_URL=https://example.org/zhengbao/）")
    address = parse_site_url(value)
    if address.local:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 指向本机（回环地址或 localhost）；发布需要读者使用的公开地址")
    if address.private:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 是内网、链路本地或保留地址，互联网上的读者无法访问；发布需要公开地址")
    if address.scheme != "https" and not allow_http:
        raise SiteUrlError(f"SITE_URL={_shown(value)} 使用 http；发布应使用 https（确需 http 时加 ALLOW_HTTP=1）")
    return address.url


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
