"""Reports without indicator tables, written for the tests in the style of county reports.

``COUNTY`` states its targets and results only in prose, and every relation in
it holds: the three industries add up to GDP, exports and imports to trade,
each stated rate and difference matches its two figures.
"""

from __future__ import annotations

from typing import Any

from jihua.document import Document, read_bytes
from jihua.extract import extract
from jihua.extract.pairs import Pair, read_pairs

COUNTY = """关于某某县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案的报告

各位代表：

受县人民政府委托，现将全县2023年国民经济和社会发展计划执行情况与2024年国民经济和社会发展计划草案提请大会审议。

一、2023年国民经济和社会发展计划执行情况

县十八届人大三次会议审议批准的2023年计划，确定了地区生产总值增长6.5%左右、规模以上工业增加值增长8%、\
固定资产投资增长8%、社会消费品零售总额增长7%等主要预期目标。一年来，全县上下克难奋进，主要指标总体平稳。

经济运行稳中有进。全县实现地区生产总值512亿元，完成年计划560亿元的91.4%，增长6.8%，高于预期目标0.3个百分点。\
分产业看，第一、二、三产业增加值分别为21、230、261亿元。规模以上工业增加值增长7.2%，低于年度目标0.8个百分点。\
固定资产投资增长6.1%，低于年度目标1.9个百分点。社会消费品零售总额203.6亿元，增长7.6%。

财政金融稳健运行。一般公共预算收入26.6亿元，预期目标为增长5%，实际增长5.4%，其中税收收入18.2亿元，\
占一般公共预算收入的比重为68.4%。外贸进出口总额18.5亿元，其中出口12.3亿元、进口6.2亿元。\
粮食产量计划21万吨，实际完成21.4万吨。规模以上工业企业营业收入完成年度目标的93.5%。

二、2024年经济社会发展的主要目标

地区生产总值增长6%左右，规模以上工业增加值增长7%，固定资产投资增长6%，城镇调查失业率控制在5.5%以内。
"""

#: one mistake per relation of ``COUNTY``: (what it says, what the planted text says)
PLANTED = {
    "industries": ("分别为21、230、261亿元", "分别为21、240、261亿元"),
    "completion": ("560亿元的91.4%", "560亿元的88.4%"),
    "share": ("比重为68.4%", "比重为64.8%"),
    "difference": ("高于预期目标0.3个百分点", "高于预期目标0.8个百分点"),
    "trade": ("出口12.3亿元", "出口13.3亿元"),
}


def planted(mistake: str) -> str:
    """``COUNTY`` with one of its relations broken."""
    right, wrong = PLANTED[mistake]
    assert COUNTY.count(right) == 1
    return COUNTY.replace(right, wrong)


def document(text: str, name: str = "county.txt") -> Document:
    return read_bytes(text.encode("utf-8"), name)


def execution_prose(body: str) -> str:
    """A short report: a title, the execution heading, and ``body``."""
    return f"关于某某区2023年国民经济和社会发展计划执行情况的报告\n一、2023年计划执行情况\n{body}\n"


def pairs_of(text: str) -> list[Pair]:
    doc = document(text)
    extraction: dict[str, Any] = extract(doc)
    return read_pairs(doc.text, extraction["facts"], extraction["report_year"])
