"""The kind of document and its region, for pages that are not plan reports."""

from __future__ import annotations

import pytest

from jihua.document import Document, read_bytes
from jihua.extract import extract


def page(text: str) -> dict[str, object]:
    return extract(read_bytes(text.encode("utf-8"), "page.txt"))


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        (
            "关于某某县2023年国民经济和社会发展计划执行情况与2024年计划草案的报告\n"
            "一、2023年计划执行情况\n全县地区生产总值增长6%。",
            "plan_report",
        ),
        (
            "2024年1-6月某某区经济运行情况\n来源：某某区统计局\n"
            "上半年，全区地区生产总值同比增长5.2%。",
            "bulletin",
        ),
        (
            "前三季度，全县地区生产总值286.3亿元，同比增长4.9%。规模以上工业增加值增长7.1%。",
            "bulletin",
        ),
        ("某某区2023年国民经济和社会发展统计公报\n全年地区生产总值增长5.0%。", "bulletin"),
        ("1—2月份，全市312家规上工业企业增加值同比增长7.4%，居全省第五位。", "bulletin"),
        (
            "关于2024年《政府工作报告》主要目标任务上半年落实情况的通报\n"
            "达到序时进度的9项、占比82%。",
            "notice",
        ),
        ("县政府督查室对重点工作进行了督查。1-6月，已完成任务12项。", "notice"),
        ("本报讯 1-5月，全市重点项目完成投资294.9亿元，占年计划投资的40.4%。", "news"),
        (
            "1-10月项目累计完成投资629.0亿元，占年度投资计划的97.2%，超过时间进度13.8个百分点。",
            "news",
        ),
        ("会议强调，要坚持稳中求进工作总基调，确保完成各项目标任务。", "other"),
    ],
)
def test_the_document_kind_is_told_by_its_opening_words(text: str, kind: str) -> None:
    assert page(text)["document_kind"] == kind


def test_the_seed_is_a_plan_report(seed_document: Document) -> None:
    assert extract(seed_document)["document_kind"] == "plan_report"


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "2020年1-11月份某某市《政府工作报告》部分目标任务完成情况\n1-11月份，达到序时进度44项。",
            "某某市",
        ),
        ("上半年青山区经济运行简况\n上半年，全区规模以上工业增加值同比增长5.5%。", "青山区"),
        ("来源：东湖县统计局\n1-8月，全县固定资产投资同比增长4.7%。", "东湖县"),
        ("发布机构: 西岭县人民政府办公室\n1-6月，全县社会消费品零售总额同比增长6.0%。", "西岭县"),
        (
            "网站首页 > 政务公开 > 南山市政府办公室 > 重点工作\n"
            "1-10月，重点项目完成投资占年度计划的91.2%。",
            "南山市",
        ),
        (
            "【江城市】提前完成12项省市重点民生实事\n"
            "某某省人民政府门户网站 发布时间: 2019-10-25 09:28\n"
            "10月24日，全市已提前完成12项重点民生实事项目。",
            "江城市",
        ),
        (
            "2024年是承上启下的重要一年。\n一、综 合\n"
            "2024年东川县地区生产总值(GDP)120.50亿元，按不变价格计算，比上年增长5.8%。",
            "东川县",
        ),
    ],
)
def test_the_region_of_a_bulletin_comes_from_its_title_issuer_or_path(
    text: str, region: str
) -> None:
    assert page(text)["region"] == region


@pytest.mark.parametrize(
    "text",
    [
        "现将全县1-6月经济运行情况通报如下：上半年，全县地区生产总值同比增长5.1%。",
        "今年以来，全区经济运行总体平稳。上半年，全区规模以上工业增加值增长6.2%。",
        "记者从自治区统计局了解到，上半年，全区生产总值同比增长4.9%。",
        "统筹推进全县经济社会发展，1-9月，全县固定资产投资增长3.3%。",
        "2024年全县地区生产总值(GDP)98.6亿元，比上年增长6.1%。",
        "今年，区委区政府共兴办17件惠民实事，截至9月底已完成12件。",
    ],
)
def test_words_of_a_sentence_are_no_region(text: str) -> None:
    assert page(text)["region"] is None


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "1-11月，全区社会消费品零售总额同比增长6.1%。\n北岗区11月国民经济运行情况简析\n",
            "北岗区",
        ),
        ("上半年，全县规上工业增加值同比增长1.3%。（河口县统计局 供稿）", "河口县"),
    ],
)
def test_a_title_after_the_text_or_a_byline_in_brackets_names_the_region(
    text: str, region: str
) -> None:
    assert page(text)["region"] == region


@pytest.mark.parametrize(
    ("text", "region"),
    [
        (
            "2024年全省经济运行情况\n来源：湖南省统计局\n相关新闻\n【湘潭市】提前完成16项目标",
            "湖南省",
        ),
        (
            "来源：宣城市人民政府\n【合肥市】经济运行稳中有进\n1-11月，全市规上工业增加值增长8%。",
            "宣城市",
        ),
        ("【营商环境专区】\n宣城市2024年1-11月经济运行情况\n来源：宣城市统计局", "宣城市"),
        (
            "1-12月，宣城市完成规模以上工业增加值增长8%。宣城市实现地区生产总值1000亿元。\n"
            "其中，2024年经开区地区生产总值200亿元。",
            "宣城市",
        ),
    ],
)
def test_a_tag_or_a_figures_region_further_down_gives_way_to_the_pages_own(
    text: str, region: str
) -> None:
    """A 【…】 tag down the page links other news; a region said once before its GDP is the
    last resort, after one the page names twice."""
    assert page(text)["region"] == region
