"""SITE_URL is exactly scheme://host[:port]/path/ (issue 20, item 8).

A malformed value fails the build (it would be copied into every canonical link, feed id
and sitemap entry); ``make publish`` also refuses http (without ALLOW_HTTP=1) and any host
readers on the internet cannot reach, in every spelling a browser accepts.
"""

from __future__ import annotations

import os
import subprocess

import pytest

from gazette.publish.atomic import main as atomic_main
from gazette.publish.siteurl import SiteUrlError, parse_site_url, public_site_url, publishable_site_url
from tests.project import MKDOCS, ROOT

pytestmark = pytest.mark.unit

# value → a word the Chinese error must contain (it says what is wrong)
MALFORMED = [
    ("https://ci:s3cr3t@example.gov.cn/", "用户名或密码"),
    ("https://ci@example.gov.cn/", "用户名或密码"),
    ("https://example.gov.cn/zb/#frag", "片段"),
    ("https://example.gov.cn/#", "片段"),
    ("https://example.gov.cn/?x=1", "查询串"),
    ("https://example.gov.cn/zb?", "查询串"),
    ("https://exa mple.gov.cn/", "空白"),
    ("https://example.gov.cn/a b/", "空白"),
    (" https://example.gov.cn/", "空白"),
    ("https://example.gov.cn/\n", "空白"),
    ("https://example.gov.cn/\x00/", "控制字符"),
    ("https://u:s3cr3t@example.gov.cn/a b/", "空白"),
    ("https://example.gov.cn\\zb/", "反斜杠"),
    ("ftp://example.gov.cn/", "https://"),
    ("file:///srv/site/", "https://"),
    ("/zhengbao/", "https://"),
    ("https:/example.gov.cn/", "https://"),
    ("https://:8000/", "主机"),
    ("https://example.gov.cn:99999/", "端口"),
    ("https://example.gov.cn:0/", "端口"),
    ("https://exa_mple.gov.cn/", "主机名"),
    ("https://例子.中国/", "ASCII"),
    ("https://1.2.3.4.5/", "IPv4"),
    ("https://[::zz]/", "IPv6"),
    ("https://example.gov.cn/a/../b/", "路径"),
    ("https://example.gov.cn/a//b/", "路径"),
    ("https://example.gov.cn/%zz/", "百分号"),
]


@pytest.mark.parametrize("value, word", MALFORMED)
def test_malformed_values_are_refused_saying_why(value: str, word: str) -> None:
    with pytest.raises(SiteUrlError) as raised:
        public_site_url(value)
    assert word in str(raised.value)
    assert "s3cr3t" not in str(raised.value)  # the password is not repeated into logs
    with pytest.raises(SiteUrlError):
        publishable_site_url(value, allow_http=True)


@pytest.mark.parametrize("value", [
    "http://127.1/", "http://2130706433/", "http://0x7f.1/", "http://0177.0.0.1/", "http://127.0.0.1.:8000/",
    "http://[::1]/", "https://[::ffff:127.0.0.1]/", "http://0.0.0.0/", "http://localhost/", "http://LOCALHOST./",
    "http://app.localhost/",
])
def test_every_spelling_of_this_machine_is_local(value: str) -> None:
    assert parse_site_url(value).local
    assert public_site_url(value) is None  # a local preview build: no absolute links
    with pytest.raises(SiteUrlError, match="本机"):
        publishable_site_url(value, allow_http=True)


@pytest.mark.parametrize("value", [
    "https://10.1.2.3/", "https://167772161/", "https://172.16.0.1/", "https://192.168.1.1/", "https://169.254.1.1/",
    "https://100.64.0.1/", "https://[fd00::1]/", "https://[fe80::1]/", "https://intranet/", "https://nas.local/",
    "https://svc.internal/", "https://router.home.arpa/",
])
def test_private_hosts_build_but_are_not_published(value: str) -> None:
    assert public_site_url(value) == parse_site_url(value).url  # an intranet preview build links to itself
    with pytest.raises(SiteUrlError, match="内网"):
        publishable_site_url(value, allow_http=True)


def test_publish_needs_https_unless_allowed() -> None:
    with pytest.raises(SiteUrlError, match="ALLOW_HTTP"):
        publishable_site_url("http://example.gov.cn/zb/")
    assert publishable_site_url("http://example.gov.cn/zb/", allow_http=True) == "http://example.gov.cn/zb/"
    with pytest.raises(SiteUrlError, match="没有设置"):
        publishable_site_url("")


@pytest.mark.parametrize("value, url", [
    ("https://example.gov.cn", "https://example.gov.cn/"),
    ("https://Example.GOV.cn/zhengbao", "https://example.gov.cn/zhengbao/"),
    ("https://example.gov.cn:8443/a/b/", "https://example.gov.cn:8443/a/b/"),
    ("HTTPS://example.gov.cn/%E6%94%BF/", "https://example.gov.cn/%E6%94%BF/"),
    ("https://8.8.8.8/zb/", "https://8.8.8.8/zb/"),
    ("https://[2001:4860::8888]/", "https://[2001:4860::8888]/"),
])
def test_well_formed_public_addresses(value: str, url: str) -> None:
    assert publishable_site_url(value) == url
    assert public_site_url(value) == url


def _site_url_command(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], site_url: str,
                      *extra: str) -> tuple[int, str]:
    """``python -m gazette.publish.atomic site-url`` run in this process (its exit code, its stderr):
    a Python process each would cost a second of start-up. The command line itself is run by
    tests/publishing/test_site_url.py::test_publish_refuses_without_a_public_address."""
    monkeypatch.setenv("SITE_URL", site_url)
    code = atomic_main(["site-url", *extra])
    return code, capsys.readouterr().err


@pytest.mark.parametrize("value", ["https://ci:s3cr3t@example.gov.cn/", "http://127.1/", "http://2130706433/",
                                   "http://[::1]/", "https://10.0.0.8/", "https://example.gov.cn/?x=1"])
def test_publish_command_refuses_in_chinese(value: str, monkeypatch: pytest.MonkeyPatch,
                                            capsys: pytest.CaptureFixture[str]) -> None:
    code, err = _site_url_command(monkeypatch, capsys, value)
    assert code == 2
    assert "SITE_URL 不能用于发布" in err and "Traceback" not in err


def test_publish_command_http_flag(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    assert _site_url_command(monkeypatch, capsys, "http://example.gov.cn/zb/")[0] == 2
    code, err = _site_url_command(monkeypatch, capsys, "http://example.gov.cn/zb/", "--allow-http")
    assert code == 0, err


@pytest.mark.parametrize("value", ["https://ci:s3cr3t@example.gov.cn/", "https://example.gov.cn/zb/#frag"])
def test_build_fails_at_once_on_a_malformed_address(value: str, tmp_path: os.PathLike[str]) -> None:
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": value}
    result = subprocess.run([*MKDOCS, "build", "--strict", "-f", str(ROOT / "mkdocs.yml"), "-d", str(tmp_path)],
                            cwd=ROOT, env=env, capture_output=True, text=True, timeout=300)
    assert result.returncode != 0
    assert "SITE_URL 有误" in result.stderr and "Traceback" not in result.stderr
    assert not any(os.scandir(tmp_path))  # nothing written
