"""Published URLs and anchors never break: every line of the manifest still resolves."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import lxml.html
import pytest

from gazette.publish.anchors import read_manifest, site_anchors
from tests.conftest import ROOT

MANIFEST = ROOT / "data" / "published" / "anchors.txt"


@pytest.mark.unit
def test_manifest_is_sorted_and_unique() -> None:
    lines = read_manifest(MANIFEST)
    assert lines, "the manifest of published anchors is empty"
    assert lines == sorted(set(lines))


@pytest.mark.site
def test_every_published_anchor_is_still_on_its_page(site: Path) -> None:
    by_page: dict[str, set[str]] = defaultdict(set)
    for line in read_manifest(MANIFEST):
        url, _, anchor = line.partition("#")
        by_page[url].update([anchor] if anchor else [])
    missing = []
    for url, anchors in sorted(by_page.items()):
        html = site / url / "index.html"
        if not html.is_file():
            missing.append(f"{url} (page gone)")
            continue
        ids = set(lxml.html.parse(str(html)).getroot().xpath("//@id"))
        missing.extend(f"{url}#{a}" for a in sorted(anchors - ids))
    assert not missing, f"{len(missing)} published anchors broke, e.g. {missing[:10]}"


@pytest.mark.site
def test_site_anchors_are_unique_per_page(site: Path) -> None:
    for html in site.rglob("index.html"):
        ids = lxml.html.parse(str(html)).getroot().xpath("//@id")
        dupes = {i for i in ids if ids.count(i) > 1}
        assert not dupes, f"{html}: {sorted(dupes)[:5]}"


@pytest.mark.site
def test_new_anchors_are_recorded(site: Path) -> None:
    """Publishing a page means recording its anchors (run `make anchors`)."""
    unrecorded = site_anchors(site) - set(read_manifest(MANIFEST))
    assert not unrecorded, f"{len(unrecorded)} anchors not in {MANIFEST.name}; run `make anchors`: {sorted(unrecorded)[:5]}"


# --- fingerprints: an anchor never silently lands on other text ------------------------------

import shutil  # noqa: E402

import yaml  # noqa: E402

from gazette.derive.catalog import build_library  # noqa: E402
from gazette.publish.anchors import (  # noqa: E402
    MovedAnchors,
    check_fingerprints,
    current_fingerprints,
    read_entries,
    update_manifest,
)
from gazette.publish.anchors import main as anchors_main  # noqa: E402

DOC_15 = "documents/2018/qzf-15.yaml"  # its 附件 has 34 unnumbered paragraphs (att_1__p_1…34)


@pytest.mark.unit
def test_every_recorded_anchor_has_a_fingerprint() -> None:
    entries = read_entries(MANIFEST)
    missing = [key for key, fp in entries.items() if "#" in key and not fp]
    assert not missing, f"{len(missing)} anchors without a fingerprint, e.g. {missing[:5]}"


@pytest.mark.site
def test_every_recorded_anchor_still_points_at_its_text(library) -> None:
    check = check_fingerprints(read_entries(MANIFEST), current_fingerprints(library))
    assert not check.moved, f"{len(check.moved)} published anchors now point at other text: {check.moved[:10]}"


def _edited_data(tmp_path: Path, edit) -> Path:  # type: ignore[no-untyped-def]
    data = tmp_path / "data"
    shutil.copytree(ROOT / "data", data, ignore=shutil.ignore_patterns("sources"))
    path = data / DOC_15
    record = yaml.safe_load(path.read_text(encoding="utf-8"))
    edit(record)
    path.write_text(yaml.safe_dump(record, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return data


def _prepend_paragraph(record: dict) -> None:
    record["attachments"][0]["body"].insert(0, {"text": "本方案自印发之日起施行。"})


@pytest.mark.site
def test_a_paragraph_added_at_the_top_of_an_attachment_is_caught(tmp_path: Path) -> None:
    """The issue's case: 34 links to 2018/qzf-15/#att_1__p_N would land on the paragraph before."""
    data = _edited_data(tmp_path, _prepend_paragraph)
    current = current_fingerprints(build_library(data))
    check = check_fingerprints(read_entries(MANIFEST), current)
    shifted = [f"2018/qzf-15/#att_1__p_{n}" for n in range(1, 35)]
    assert set(shifted) <= set(check.moved), sorted(set(shifted) - set(check.moved))


@pytest.mark.site
def test_a_declared_new_paragraph_keeps_its_attachment_but_not_the_shifted_links(tmp_path: Path) -> None:
    def edit(record: dict) -> None:
        _prepend_paragraph(record)
        record["errata"].append({"kind": "other", "part": "att_1__p_1", "original": "", "published": "本方案自印发之日起施行。", "reason": "漏印段落"})

    check = check_fingerprints(read_entries(MANIFEST), current_fingerprints(build_library(_edited_data(tmp_path, edit))))
    assert "2018/qzf-15/#att_1" in check.corrected  # the attachment holds its text, one paragraph more
    assert {f"2018/qzf-15/#att_1__p_{n}" for n in range(2, 35)} <= set(check.moved)


def _correct_one_character(record: dict, erratum: bool) -> None:
    part = record["attachments"][0]["body"][33]
    original = part["text"]
    part["text"] = original.replace("兼任", "兼认", 1)
    assert part["text"] != original
    if erratum:
        record.setdefault("errata", []).append(
            {"kind": "other", "part": "att_1__p_34", "original": original, "published": part["text"], "reason": "错字"}
        )


@pytest.mark.site
def test_a_correction_declared_as_an_erratum_keeps_the_anchor(tmp_path: Path) -> None:
    data = _edited_data(tmp_path, lambda r: _correct_one_character(r, erratum=True))
    check = check_fingerprints(read_entries(MANIFEST), current_fingerprints(build_library(data)))
    assert not check.moved, check.moved
    assert "2018/qzf-15/#att_1__p_34" in check.corrected and "2018/qzf-15/#att_1" in check.corrected


@pytest.mark.site
def test_an_undeclared_edit_is_a_move(tmp_path: Path) -> None:
    data = _edited_data(tmp_path, lambda r: _correct_one_character(r, erratum=False))
    check = check_fingerprints(read_entries(MANIFEST), current_fingerprints(build_library(data)))
    assert "2018/qzf-15/#att_1__p_34" in check.moved


@pytest.mark.site
def test_make_anchors_refuses_to_rerecord_a_moved_anchor(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    data = _edited_data(tmp_path, _prepend_paragraph)
    manifest = tmp_path / "anchors.txt"
    shutil.copy(MANIFEST, manifest)
    before = manifest.read_bytes()
    empty_site = tmp_path / "site"
    empty_site.mkdir()
    with pytest.raises(MovedAnchors) as info:
        update_manifest(empty_site, manifest, build_library(data))
    assert "2018/qzf-15/#att_1__p_1" in info.value.moved
    assert manifest.read_bytes() == before  # nothing written
    assert anchors_main([str(empty_site), str(manifest), "--data", str(data)]) == 1
    assert "now point at other text" in capsys.readouterr().err and manifest.read_bytes() == before
    # Accepting every moved anchor by name (docs/import.md) records their new fingerprints, and only theirs.
    moved = info.value.moved
    args = [str(empty_site), str(manifest), "--data", str(data)] + [f"--accept={key}" for key in moved]
    assert anchors_main(args) == 0
    old, new = read_entries(MANIFEST), read_entries(manifest)
    assert {key for key in old if old[key] != new[key]} == set(moved)
