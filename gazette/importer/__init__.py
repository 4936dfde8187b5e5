"""Importer: plain text of a printed 衢州政报 issue -> YAML records under ``data/``.

Plain Python (no mkdocs). One module per job:

* ``source``    read an issue text, locate the cover/TOC front matter and the body
* ``split``     split the body at document heads (title line + 文号 line)
* ``repairs``   " and "→和, page-break rejoins, hand corrections (each gives an erratum)
* ``tables``    pipe and tab tables, continuation across page breaks, merged cells
* ``outline``   printed numbering → nested ``Part`` tree
* ``signature`` 发文机关 + 成文日期 block, (此件公开发布)
* ``document``  assemble one ``Document``
* ``toc``       cover, table of contents, editorial board, imprint → ``Issue``
* ``emit``      deterministic YAML
* ``fidelity``  character coverage of a source text by a published text
"""
