"""A record file that ends where its record ends, not where a write stopped.

A write cut short (a full disk, a killed editor or importer, a copy interrupted at a block
boundary) can leave a file that is still valid YAML and still a valid record: the schema
cannot tell a document that ends after its third article from one that was cut there. Two
checks catch what a cut leaves behind:

* every record file ends with a line break (``yamlfile.read_yaml``): a cut at an arbitrary
  byte, e.g. a 4 KiB block boundary, leaves the last line unfinished;
* a document record states its signature (落款), which follows the whole body, with the key
  ``signature`` — ``signature: null`` for a document printed without one (the importer refuses
  a text without a signature block, so every imported record has the key). A cut anywhere in
  the body, at a line break too, loses it.

An issue cut short loses entries of its contents, which ``derive/catalog.py`` already refuses
(every document names its issue, and the issue must list it).
"""

from __future__ import annotations

from gazette.load.errors import RecordError
from gazette.load.yamlfile import YamlFile

TRUNCATED = "记录可能在写入中途被截断（如磁盘已满、编辑器或导入程序被中止）"


def document_complete(source: YamlFile) -> list[RecordError]:
    """Errors for a document record that lacks what follows its body."""
    if isinstance(source.data, dict) and "signature" not in source.data:
        last = max(source.lines.values(), default=None)
        return [RecordError(source.path, last, "signature",
                            f"缺少落款（signature）：{TRUNCATED}；印刷上没有落款的文件请写 signature: null")]
    return []
