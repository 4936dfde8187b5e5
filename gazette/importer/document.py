"""Assemble one Document record from its segment of the issue text."""

from __future__ import annotations

import re
from collections import Counter
from typing import Any

from gazette.derive.wenhao import with_canonical_brackets
from gazette.records.models import Attachment, Document, Erratum, Part, Signature
from gazette.vocab.normalize import printed_key, without_spaces

from . import repairs
from .corrections import DocumentCorrections
from .errors import SourceError
from .outline import Outline, is_attachment_label, label_at
from .report import Report
from .signature import ORGAN, find_signature
from .split import Heads, Segment
from .tables import Block, build_table, merge_continuations, to_blocks

LIST_ITEM = re.compile(r"^\d{1,2}\s*[.．、]\s*")
CJK_PUNCT = re.compile(r"[,，、。;；:：]")


# A title the notice quotes (现将《…》印发给你们), one level of 《》 or 〈〉 inside it allowed.
QUOTED_TITLE = re.compile(r"《((?:[^《》]|《[^《》]*》)+)》")


def quoted_titles(blocks: list[Block]) -> list[str]:
    """What the notice's paragraphs quote in 《》, as compared (printed_key: no brackets or
    punctuation, so 〈〉 inside the quote matches 《》 in the attached title)."""
    return [printed_key(m.group(1)) for b in blocks if b.kind == "para" for m in QUOTED_TITLE.finditer(b.text or "")]


def goes_on_to_quoted(title: str, more: str, quoted: list[str]) -> bool:
    """Is ``more`` the next line of an attached title that the notice quotes? Only when the title
    alone is no quoted title and, with ``more``, it still begins one (or is one)."""
    head, joined = printed_key(title), printed_key(title + more)
    return bool(head) and head not in quoted and any(q.startswith(joined) for q in quoted)


def attachment_titles(blocks: list[Block]) -> set[str]:
    titles: set[str] = set()
    in_list = False
    for b in blocks:
        if b.kind != "para":
            in_list = False
            continue
        t = b.text
        if re.match(r"^附件[:：]", t):
            in_list = True
            t = re.sub(r"^附件[:：]\s*", "", t)
        elif not (in_list and LIST_ITEM.match(t)):
            in_list = False
            continue
        t = LIST_ITEM.sub("", t)
        titles.add(without_spaces(t))
    return titles


def _join_pass(
    blocks: list[Block], no_join: list[str], force_join: list[str], report: Report
) -> tuple[list[Block], list[Erratum]]:
    out: list[Block] = []
    errata: list[Erratum] = []
    # Paragraphs stand the usual number of blank lines apart (one in our texts); a page boundary
    # shows as more, its page number and running head blanked in place. Only there is a
    # paragraph without a sentence end a page possibly left unjoined.
    gaps = Counter(b.blanks_before for b in blocks[1:] if b.kind == "para")
    usual = max(gaps, key=lambda n: (gaps[n], -n)) if gaps else 0
    for b in blocks:
        if b.kind == "para" and out and out[-1].kind == "para" and b.gap_before:
            prev = out[-1].text
            forced = any(prev.endswith(s) for s in force_join)
            blocked = any(prev.endswith(s) for s in no_join)
            ok = repairs.should_join(prev, b.text)
            if ok and (ORGAN.match(b.text) or prev.startswith("附件")):
                ok = False
            parsed = label_at(prev, out[-1].line)
            prev_rest = parsed.rest if parsed else prev
            key = r"^\S{2,6}[:：]"
            if ok and re.match(key, b.text) and (re.match(key, prev) or not CJK_PUNCT.search(prev_rest)):
                ok = False
            if ok and parsed and parsed.label.kind in ("sec", "chp", "subchp") and len(b.text) > 30:
                ok = False  # a heading is not continued by a whole paragraph
            if ok and len(prev_rest) < 40 and not CJK_PUNCT.search(prev_rest) and not (parsed and parsed.label.kind == "art"):
                ok = False
            if (ok and not blocked) or forced:
                joined, err = repairs.join(prev, b.text)
                out[-1].text = joined
                errata.append(err)
                report.add("page-break joins", f"{report.at(b.line)}：“…{prev[-12:]}”接“{b.text[:12]}…”")
                continue
            # a heading followed by a numbered part is no paragraph cut by the page
            if (b.blanks_before > usual and not prev.endswith(repairs.TERMINAL) and len(prev) >= 12 and not is_attachment_label(prev, out[-1].line)
                    and not (parsed and repairs.opens_part(b.text))):
                report.add("page-break unsure", f"{report.at(b.line)}：未接续“…{prev[-12:]}”与“{b.text[:12]}…”，请核对")
        out.append(b)
    return out, errata


def build_document(seg: Segment, issue: str, code: str, corr: DocumentCorrections, report: Report, heads: Heads) -> Document:
    where = f"{seg.year}/{code}-{seg.seq}"
    errata: list[Erratum] = []
    text = "\n".join(seg.lines)
    text, errs = repairs.apply_corrections(text, corr.replace, where)
    errata += errs
    text, errs = repairs.and_for_he(text)
    errata += errs
    lines = text.split("\n")

    w = next(i for i, ln in enumerate(lines) if heads.match(ln))
    # A title printed on several lines (split.title_start says which) is joined as printed: a line
    # break is no character. Spaces the extraction left inside a line are its own, and blank lines
    # between two of its lines a page break's: an erratum each, like a paragraph's.
    title = ""
    for k, line in enumerate(lines[:w]):
        if not line.strip():
            continue
        piece, err = repairs.remove_spaces(line.strip(), "抽取文本在标题换行处多出空格")
        if err:
            errata.append(err)
        if title and not lines[k - 1].strip():
            report.add("page-break joins", f"{report.at(seg.title_line + k)}：标题“…{title[-12:]}”接“{piece[:12]}…”")
            title, err = repairs.join(title, piece, "分页处断开的标题重新接续")
            errata.append(err)
        else:
            title += piece
    number = lines[w].strip()
    fixed = with_canonical_brackets(number)
    if fixed != number:
        errata.append(Erratum(kind="wenhao", original=number, published=fixed, reason="文号括号统一为六角括号〔〕"))
        number = fixed

    blocks = to_blocks(lines[w + 1 :], offset=seg.wenhao_line + 1)
    for b in blocks:
        if b.kind == "para":
            b.text, err = repairs.strip_bullet(b.text)
            if err:
                errata.append(err)
    blocks = merge_continuations(blocks, report)
    blocks, errs = _join_pass(blocks, corr.no_join, corr.join, report)
    errata += errs

    titles = attachment_titles(blocks)
    texts: list[str | None] = [b.text if b.kind == "para" else None for b in blocks]
    sig = find_signature(texts)
    if sig is None:
        # Without 发文机关 and 成文日期 the document cannot be dated or attributed: the reader must.
        raise SourceError(
            seg.wenhao_line, f"[no-signature] {where}：找不到落款（一行或数行发文机关，其后是成文日期，如2018年5月4日）"
        )
    body_blocks, after = blocks[: sig.start], blocks[sig.end :]

    addressees = None
    if body_blocks and body_blocks[0].kind == "para":
        t = body_blocks[0].text
        if t.endswith((":", "：")) and "。" not in t and (t.startswith("各") or "各部门" in t or "各单位" in t):
            addressees = t  # with its colon, as printed (: or ：)
            body_blocks = body_blocks[1:]

    def run_outline(bs: list[Block], label: str) -> list[Part]:
        ol = Outline(report, f"{where} {label}")
        for b in bs:
            if b.kind == "para":
                ol.add_paragraph(b.text, b.line)
            else:
                ol.add_table(build_table(b, report))
                errata.extend(b.errata)
        return ol.parts()

    body = run_outline(body_blocks, "body")
    quoted = quoted_titles(body_blocks)

    attachments: list[Attachment] = []
    # printed under the date, shown after the document (the record has no place in the signature)
    postscript: list[str] = list(sig.notes)
    groups: list[dict[str, Any]] = []
    pending_label = None
    for b in after:
        if b.kind == "para" and is_attachment_label(b.text, b.line):
            if groups and not groups[-1]["blocks"] and groups[-1]["label"] is None and groups[-1]["title"]:
                groups[-1]["label"] = b.text
            else:
                pending_label = b.text
                groups.append({"label": pending_label, "title": None, "blocks": [], "line": b.line})
            continue
        if (b.kind == "para" and groups and groups[-1]["title"] and not groups[-1]["blocks"]
                and goes_on_to_quoted(groups[-1]["title"], b.text, quoted)):
            groups[-1]["title"] += b.text  # printed on two lines: a line break is no character
            continue
        if b.kind == "para":
            nospace = without_spaces(b.text)
            starts_new = (
                not groups
                or (groups[-1]["title"] is None and not groups[-1]["blocks"])
                or (nospace in titles and groups[-1]["blocks"])
            )
            if starts_new:
                if groups and groups[-1]["title"] is None and not groups[-1]["blocks"]:
                    groups[-1]["title"] = b.text
                else:
                    if b.text.startswith("抄送"):
                        postscript.append(b.text)
                        continue
                    groups.append({"label": None, "title": b.text, "blocks": [], "line": b.line})
                continue
        if not groups:
            # The caller sets report.context to the document id: messages do not repeat it.
            report.add("attachments", f"{report.at(b.line)}：落款之后的表格没有标题")
            groups.append({"label": None, "title": None, "blocks": [], "line": b.line})
        groups[-1]["blocks"].append(b)
    for k, g in enumerate(groups):
        title_a = None
        if g["title"]:
            title_a, err = repairs.remove_spaces(g["title"], "抽取文本在附件标题换行处多出空格")
            if err:
                errata.append(err)
        if not g["blocks"]:
            report.add("attachments", f"{report.at(g['line'])}：附件“{g['label'] or title_a}”没有正文")
            continue
        attachments.append(Attachment(label=g["label"], title=title_a, body=run_outline(g["blocks"], f"attachment {k + 1}")))

    signature = Signature(issuers=sig.issuers, date_text=sig.date_text)
    doc = Document(
        number_printed=number,
        title=title,
        issuers=sig.issuers,
        addressees=addressees,
        date=sig.date,
        issue=issue,
        public_mark=sig.public_mark,
        body=body,
        signature=signature,
        attachments=attachments,
        postscript=postscript,
        errata=errata,
        doubts=list(corr.doubts),
    )
    return doc
