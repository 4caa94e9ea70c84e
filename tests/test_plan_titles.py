"""Region and years read from the many ways a plan report's title is written."""

from __future__ import annotations

import pytest

from jihua.document import read_bytes
from jihua.plan import read_plan


@pytest.mark.parametrize(
    ("title", "region", "report_year", "plan_year"),
    [
        (
            "关于某某区2023年国民经济和社会发展计划执行情况与2024年计划草案的报告",
            "某某区",
            2023,
            2024,
        ),
        ("2023年某某县国民经济和社会发展计划执行情况及2024年计划草案", "某某县", 2023, 2024),
        ("某某区国民经济和社会发展2023年计划执行情况与2024年计划草案的报告", "某某区", 2023, 2024),
        (
            "某某州关于2022年国民经济和社会发展计划执行情况与2023年计划草案的报告",
            "某某州",
            2022,
            2023,
        ),
        ("某某自治县2024年国民经济和社会发展计划", "某某自治县", 2023, 2024),
        ("某某省某某市某某区2023年国民经济和社会发展计划执行情况", "某某区", 2023, 2024),
    ],
)
def test_region_and_years_from_the_title(
    title: str, region: str, report_year: int, plan_year: int
) -> None:
    text = f"{title}\n一、执行情况\n　　地区生产总值增长5%。\n"
    report = read_plan(read_bytes(text.encode(), "title.txt"))
    assert (report.region, report.report_year, report.plan_year) == (region, report_year, plan_year)


@pytest.mark.parametrize(
    "opening",
    [
        "湖南日报讯 省统计局今天发布消息，推动我省经济运行总体平稳。\n1至8月，全省规模工业增加值同比增长6.5%。",
        "根据市领导要求，近日市政府督查室对《政府工作报告》重点目标任务落实情况进行了督查。",
        "本报讯 自治区统计局最新消息：1-11月，全区社会消费品零售总额同比增长7.2%。",
        "关于2022年第八次县政府常务会议确定事项落实情况的通报\n各乡镇、县直各部门：",
        "五年来，旗人民政府团结带领全旗各族人民，扎实推动全旗经济社会平稳健康发展。",
        "12月2日，由某某市政府新闻办举办的新闻发布会介绍了五年来的主要成就。",
    ],
)
def test_a_phrase_of_a_sentence_is_never_taken_for_the_region(opening: str) -> None:
    plan = read_plan(read_bytes(opening.encode(), "通报.txt"))
    assert plan.region is None and plan.parent_region is None


def test_a_bulletins_region_is_still_read_from_its_issuer() -> None:
    text = "西工区统计局\n2024年1-9月，全区地区生产总值同比增长5.2%。"
    assert read_plan(read_bytes(text.encode(), "通报.txt")).region == "西工区"


@pytest.mark.parametrize(
    ("text", "report_year", "plan_year"),
    [
        (
            "某某市十五届人大三次会议开幕\n市长作政府工作报告。建议2021年全市经济社会发展的主要预期"
            "目标是：地区生产总值增长7%左右。\n",
            2020,
            2021,
        ),
        ("【某某市去年GDP增长6.2% 2019年目标为6%左右】市长在政府工作报告中指出……\n", 2018, 2019),
        (
            "某某省政府工作报告提出，2022年全省生产总值增长目标为7%以上，规模以上工业增加值增长8%。\n",
            2021,
            2022,
        ),
        ("2023年，预期某某市地区生产总值增长6%以上，一般公共预算收入增长5%。\n", 2022, 2023),
        ("2022年某某市经济增速预期定格“6.5%左右”\n市长作政府工作报告。\n", 2021, 2022),
        (
            "县长作《政府工作报告》时，对2021年及本届政府工作作了全面回顾。全县地区生产总值增长8%。\n",
            2021,
            2022,
        ),
        (
            "省长作政府工作报告时表示，今年（2024年）经济回升向好。今年经济社会发展的主要预期目标是："
            "地区生产总值增长5%。\n",
            2023,
            2024,
        ),
        (
            "区长作政府工作报告。报告分为两个部分：一是2019年工作回顾；二是2020年工作安排。\n",
            2019,
            2020,
        ),
    ],
)
def test_a_news_item_on_the_government_work_report_gives_the_years_it_names(
    text: str, report_year: int, plan_year: int
) -> None:
    report = read_plan(read_bytes(text.encode(), "news.txt"))
    assert (report.report_year, report.plan_year) == (report_year, plan_year)


def test_a_review_of_last_years_targets_names_no_plan_year() -> None:
    text = "某某县2021年经济社会发展主要目标任务完成情况良好。全县地区生产总值增长8%。\n"
    report = read_plan(read_bytes(text.encode(), "news.txt"))
    assert (report.report_year, report.plan_year) == (None, None)


def test_a_news_page_setting_this_years_targets_is_dated_by_its_page() -> None:
    text = (
        "某某省确定今年经济社会发展的主要预期目标\n发布日期: 2023-01-16 10:21:05 来源: 某某日报\n"
        "地区生产总值增长6%左右。\n"
    )
    report = read_plan(read_bytes(text.encode(), "news.txt"))
    assert (report.report_year, report.plan_year) == (2022, 2023)


@pytest.mark.parametrize(
    ("opening", "region", "parent"),
    [
        (
            "今日特推：某甲省某乙市某丙区十三届人大四次会议开幕\n某丁县第十九届人民代表大会第四次会议开幕\n"
            "1月16日上午，某丁县第十九届人民代表大会第四次会议开幕。县长代表某丁县人民政府作政府工作报告。\n",
            "某丁县",
            None,
        ),
        (
            "有283名代表应出席会议。刚才，某某市某某区第八届人民代表大会第四次会议隆重开幕。"
            "区长代表某某区人民政府作了政府工作报告。\n",
            "某某区",
            "某某市",
        ),
        ("会议认真执行省十三届人大五次会议决议。某某县经济运行总体平稳。\n", "某某县", None),
    ],
)
def test_a_news_item_names_the_region_whose_congress_meets(
    opening: str, region: str, parent: str | None
) -> None:
    report = read_plan(read_bytes(opening.encode(), "news.txt"))
    assert (report.region, report.parent_region) == (region, parent)


@pytest.mark.parametrize(
    ("opening", "region"),
    [
        (
            "政府工作报告\n——2016年1月20日在某某市第十三届人民代表大会第五次会议上\n市长某某\n各位代表：\n",
            "某某市",
        ),
        (
            "—— 2016年2月19日在某某旗\n第十六届人民代表大会第五次会议上\n某某旗旗长 某某\n各位代表:\n",
            "某某旗",
        ),
    ],
    ids=["on-one-line", "session-on-its-own-line"],
)
def test_a_speech_names_its_region_in_its_dateline(opening: str, region: str) -> None:
    report = read_plan(read_bytes(opening.encode(), "speech.txt"))
    assert report.region == region


@pytest.mark.parametrize(
    "review",
    ["一、2015年和“十二五”工作回顾\n", "一、“十二五”时期工作回顾\n"],
    ids=["year-and-plan", "plan-alone"],
)
def test_a_speech_reviewing_a_five_year_plan_reports_on_its_last_year(review: str) -> None:
    text = "政府工作报告\n各位代表：\n" + review + "过去五年，全县地区生产总值年均增长8.5%。\n"
    report = read_plan(read_bytes(text.encode(), "speech.txt"))
    assert (report.report_year, report.plan_year) == (2015, 2016)


def test_a_portals_fields_before_the_title_are_not_the_regions_name() -> None:
    text = (
        "发展规划\n索引号: /2021-0000 公开责任部门:\n公开日期: 2021-04-15 发布文号:\n有效性: 有效\n"
        "某某区2020年国民经济和社会发展计划执行情况与2021年国民经济和社会发展计划草案的报告\n"
    )
    report = read_plan(read_bytes(text.encode(), "page.txt"))
    assert (report.region, report.report_year, report.plan_year) == ("某某区", 2020, 2021)
