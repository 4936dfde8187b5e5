"""One table of examples for every rule the browser receives (assets/rules.json).

``test_agreement`` runs it through the Python definitions and through the scripts in
Chromium; ``test_wenhao`` also runs the 文号 rows through the record grammar.
"""

from __future__ import annotations

# What a reader types into the lookup box → (prefix, year, seq), or None when it is no 文号.
WENHAO_QUERIES: list[tuple[str, tuple[str, int, int] | None]] = [
    ("衢政办发〔2018〕33号", ("衢政办发", 2018, 33)),
    ("衢政办发[2018]33号", ("衢政办发", 2018, 33)),
    ("衢政办发﹝2018﹞33号", ("衢政办发", 2018, 33)),
    ("衢政办发［2018］33号", ("衢政办发", 2018, 33)),
    ("衢政办发【2018】33号", ("衢政办发", 2018, 33)),
    ("衢政办发(2018)33号", ("衢政办发", 2018, 33)),
    ("衢政办发（2018）33号", ("衢政办发", 2018, 33)),
    ("衢政干〔２０１８〕８号", ("衢政干", 2018, 8)),
    ("衢政干﹝２０１８﹞８号", ("衢政干", 2018, 8)),
    ("衢政干〔2018〕8 号", ("衢政干", 2018, 8)),
    (" 衢政办发 〔 2018 〕 33 号 ", ("衢政办发", 2018, 33)),
    ("衢政办发\u30002018\u300033", ("衢政办发", 2018, 33)),  # ideographic spaces
    ("衢政办发 2018 33", ("衢政办发", 2018, 33)),
    ("衢政办发2018年第33号", ("衢政办发", 2018, 33)),
    ("衢政办发〔2018〕第33号", ("衢政办发", 2018, 33)),
    ("衢政办发-2018-33", ("衢政办发", 2018, 33)),
    ("衢政办发〔2018〕033号", ("衢政办发", 2018, 33)),
    ("衢政办发〔2018〕33号文件", ("衢政办发", 2018, 33)),  # said of the document: the number's 文件
    ("衢政办发2018年33号文", ("衢政办发", 2018, 33)),
    ("2018年33号文", ("", 2018, 33)),
    ("〔2018〕33号", ("", 2018, 33)),
    ("﹝2018﹞33号", ("", 2018, 33)),
    ("2018 33", ("", 2018, 33)),
    ("国发〔2099〕1号", ("国发", 2099, 1)),
    ("衢政办函﹝2019﹞7号", ("衢政办函", 2019, 7)),
    ("衢政办发", None),
    ("衢政办发〔18〕33号", None),
    ("衢政办发〔2018〕12345号", None),
    ("衢政办发〔2018〕三十三号", None),
    ("33号", None),
    ("", None),
    # prefix length: the grammar's limit (14) holds for records, citations and lookups alike
    ("衢州市人民政府办公室函件〔2018〕3号", ("衢州市人民政府办公室函件", 2018, 3)),  # 12
    ("衢州市人民政府办公室函件发〔2018〕3号", ("衢州市人民政府办公室函件发", 2018, 3)),  # 13
    ("衢州市人民政府办公室函件发文〔2018〕3号", ("衢州市人民政府办公室函件发文", 2018, 3)),  # 14
    ("衢州市人民政府办公室函件发文字〔2018〕3号", None),  # 15
    ("衢州市人民政府办公室函件发文 2018 3", ("衢州市人民政府办公室函件发文", 2018, 3)),
    # edge forms
    ("〔２０１８〕３３号", ("", 2018, 33)),
    ("衢政办发﹝2018﹞0033号", ("衢政办发", 2018, 33)),
    ("衢政办发\u200b〔2018〕33号", ("衢政办发", 2018, 33)),  # a pasted zero-width space
    ("衢〔2018〕33号", ("衢", 2018, 33)),
    ("衢政办发〔2018〕33号号", None),
    ("衢政办发〔2018〕〔2019〕33号", None),
]

# (table id, row number) → row anchor
ROWS: list[tuple[str, int, str]] = [
    ("table_1", 1, "table_1__row_1"),
    ("annex_1__table_1", 3, "annex_1__table_1__row_3"),
    ("att_2__sec_4__table_2", 12, "att_2__sec_4__table_2__row_12"),
]

# role id → label, in the order pages show them
ROLES: list[tuple[str, str]] = [("lead", "牵头"), ("responsible", "责任"), ("cooperate", "配合"), ("supervise", "督办"), ("member", "成员单位")]

# ISO days → as pages write them (gazette/derive/dates.py ↔ rules.js)
DAYS: list[tuple[str, str]] = [("2018-05-03", "2018年5月3日"), ("2017-12-31", "2017年12月31日"), ("2020-01-10", "2020年1月10日")]

# Texts through the normalisation keys (gazette/vocab/normalize.py ↔ rules.js): full-width
# forms, ideographic and no-break spaces, invisible characters, Kangxi radicals, compatibility
# ideographs and characters, brackets of every style, Latin case.
NORMALISE: list[str] = [
    "衢州市统计局",
    "ＧＤＰ Pm2.5\u3000市质监 局\n",
    "衢政办发﹝２０１８﹞33 号",
    "衢州市（某）〔局〕［办］【委】",
    "统\u200b计\u200c局\u200d\u2060\ufeff",
    "\u202e知通\u202c\u2066甲\u2069\u200e\u200f",
    "⼈民政府⽂件⺟",
    "\uf900\uf901\U0002f800",
    "㈠①Ⅻﬁ㎡",
    "\xa0\u2003\u202f\x85\x1c\t",
    "A\u00adB\ufe0fC\U000e0101",
    "İSTANBUL ǅ ß",
    "",
]
