from __future__ import annotations

from typing import Any

import pytest

from jihua.document import Document, read_bytes
from jihua.extract import extract, read_facts
from jihua.extract.numbers import chinese_number, scan_numbers

EXECUTION = "一、2023年国民经济和社会发展计划执行情况\n"
PLAN = "二、2024年国民经济和社会发展主要预期目标\n"


def facts_of(body: str, report_year: int = 2023, plan_year: int = 2024) -> list[dict[str, Any]]:
    return [fact.to_dict() for fact in read_facts(body, report_year, plan_year)]


def test_every_quote_is_the_text_at_its_offsets(seed_document: Document) -> None:
    result = extract(seed_document)
    assert len(result["facts"]) > 300
    for fact in result["facts"]:
        assert seed_document.text[fact["start"] : fact["end"]] == fact["quote"]


def test_level_and_growth_with_qualifiers_from_one_sentence() -> None:
    facts = facts_of(EXECUTION + "预计全区地区生产总值突破1600亿元、增长7.5%以上。")
    level, growth = facts
    assert (level["kind"], level["value"], level["unit"], level["qualifier"]) == (
        "level",
        1600.0,
        "亿元",
        "以上",
    )
    assert (growth["kind"], growth["value"], growth["qualifier"]) == ("growth", 7.5, "以上")
    assert {level["status"], growth["status"]} == {"actual"}
    assert level["indicator"] == growth["indicator"] == "地区生产总值"


def test_growth_in_the_plan_section_is_a_target_for_the_plan_year() -> None:
    (fact,) = facts_of(EXECUTION + "正文。\n" + PLAN + "地区生产总值增长6.5%。")
    assert (fact["kind"], fact["status"], fact["year"], fact["value"]) == (
        "growth",
        "target",
        2024,
        6.5,
    )


def test_growth_list_after_fenbie_gives_one_fact_per_industry() -> None:
    text = "材料、汽车及装备制造、清洁能源、消费品、电子信息产值分别增长5.4%、12.7%、14.4%、3.9%、4.5%。"
    facts = facts_of(text)
    assert [f["value"] for f in facts] == [5.4, 12.7, 14.4, 3.9, 4.5]
    assert [f["indicator"] for f in facts] == [
        "材料产值",
        "汽车及装备制造产值",
        "清洁能源产值",
        "消费品产值",
        "电子信息产值",
    ]


def test_urban_and_rural_income_expand_from_chengxiang() -> None:
    facts = facts_of("城乡居民人均可支配收入分别增长5%左右、7%左右。")
    assert [(f["indicator"], f["value"], f["qualifier"]) for f in facts] == [
        ("城镇居民人均可支配收入", 5.0, "左右"),
        ("农村居民人均可支配收入", 7.0, "左右"),
    ]


def test_a_list_without_subject_takes_the_facts_before_it() -> None:
    facts = facts_of("协议资金760亿元、到位资金251亿元，分别增长13.4%、19.8%。")
    assert [(f["indicator"], f["kind"]) for f in facts[2:]] == [
        ("协议资金", "growth"),
        ("到位资金", "growth"),
    ]


def test_completion_of_the_annual_plan_gives_a_target_and_a_completion() -> None:
    facts = facts_of("地区生产总值635亿元，完成年计划710亿元的89.4%，下降2.0%。")
    kinds = [(f["value"], f["kind"], f["status"]) for f in facts]
    assert kinds == [
        (635.0, "level", "actual"),
        (710.0, "level", "target"),
        (89.4, "completion", "actual"),
        (-2.0, "growth", "actual"),
    ]
    assert {f["indicator"] for f in facts} == {"地区生产总值"}


def test_target_quoted_in_the_execution_section_keeps_the_report_year() -> None:
    facts = facts_of(
        EXECUTION
        + "地区生产总值增长5.9%，高于全市0.8个百分点，排名全市第1位（预期目标为8.5%以上）。"
    )
    assert [(f["value"], f["kind"], f["status"], f["year"]) for f in facts] == [
        (5.9, "growth", "actual", 2023),
        (0.8, "other", "actual", 2023),
        (1.0, "other", "actual", 2023),
        (8.5, "growth", "target", 2023),
    ]
    assert facts[2]["rank"] is True


def test_declines_are_negative_values() -> None:
    facts = facts_of("社会消费品零售总额增长-4%，固定资产投资下降18.4%，客户交互次数压减75%。")
    assert [f["value"] for f in facts] == [-4.0, -18.4, -75.0]


@pytest.mark.parametrize(
    ("text", "value", "unit"),
    [
        ("规上工业战略性新兴产业产值增长 8.3%。", 8.3, "%"),
        ("新发展市场主体１．５万户。", 1.5, "万户"),
        ("榨菜产业总产值达140亿元。", 140.0, "亿元"),
        ("年出栏4000万羽。", 4000.0, "万羽"),
        ("新增国家级专精特新企业三家。", 3.0, "家"),
        ("货物出口总额占全国比重万分之14.37。", 14.37, "万分之"),
        ("牲畜总头数达到 206 万头(只、口)。", 206.0, "万头(只、口)"),
        ("实现规上工业总产值1,234.5亿元。", 1234.5, "亿元"),
        ("农村居民人均可支配收入达到21,356元。", 21356.0, "元"),
        ("光伏装机容量达到1.2GW。", 1.2, "GW"),
        ("规上工业总产值增长百分之十二。", 12.0, "%"),
        ("行政村通光纤比例达到百分之百。", 100.0, "%"),
        ("新增装机120万kW。", 120.0, "万kW"),
        ("生猪出栏均价18.5元/公斤。", 18.5, "元/公斤"),
    ],
)
def test_figures_written_in_many_ways_are_read(text: str, value: float, unit: str) -> None:
    facts = facts_of(text)
    assert [(f["value"], f["unit"]) for f in facts] == [(value, unit)]


@pytest.mark.parametrize(
    "text",
    [
        "2024年1月16日在第六届人民代表大会第四次会议上。",
        "加快打造“2349”现代制造业集群体系。",
        "落实36条、扩大消费需求20条等政策措施。",
        "新建5G基站，治理PM2.5。",
        "三次产业结构调整为2.8:50.9:46.3。",
        "新签约3个100亿级项目前，突破千亿元大关。",
        "咨询电话：0523-86891234。",
        "1．强化制造业引擎作用。",
        "入选全市首批8个战略性新兴产业集群之一。",
        "500万元以上固定资产投资。",
        "工业用电量连续12个月保持增长。",
    ],
)
def test_dates_slogans_and_numbering_are_not_facts(text: str) -> None:
    values = [f["value"] for f in facts_of(text)]
    assert 100.0 not in values and 1000.0 not in values
    assert values in ([], [3.0])  # only the count of 3 projects is a figure


def test_chinese_numerals_convert_including_decimals() -> None:
    assert chinese_number("三点二亿") == 320_000_000
    assert chinese_number("两万三千") == 23_000
    assert chinese_number("十二") == 12
    assert chinese_number("十亿") == 1_000_000_000
    assert chinese_number("涪陵") is None


def test_number_scanner_reads_ranges_and_approximations() -> None:
    text = "增长5-6%，归集1780余万条"
    mentions = [m for m in scan_numbers(text) if m.unit]
    assert [(m.value, m.upper, m.unit, m.qualifier) for m in mentions] == [
        (5.0, 6.0, "%", None),
        (1780.0, None, "万条", "以上"),
    ]


def test_estimate_header_marks_figures_as_estimates() -> None:
    facts = facts_of("初步预计，荔城地区生产总值635亿元。")
    assert facts[0]["qualifier"] == "预计"


def test_plain_text_without_numbers_gives_no_facts() -> None:
    document = read_bytes("各位代表：现将报告提请审议。".encode(), "x.txt")
    assert extract(document)["facts"] == []


def test_a_change_against_another_basis_belongs_to_the_figure_before_it() -> None:
    facts = facts_of(
        EXECUTION
        + "一般公共预算收入完成186.2亿元，同口径增长8.7%。存款余额5632亿元，比年初增长9.8%。"
        "常住人口城镇化率达到62.3%，比上年末提高1.1个百分点。"
    )
    named = [(f["indicator"], f["kind"], f["value"]) for f in facts]
    assert named == [
        ("一般公共预算收入", "level", 186.2),
        ("一般公共预算收入", "growth", 8.7),
        ("存款余额", "level", 5632.0),
        ("存款余额", "growth", 9.8),
        ("常住人口城镇化率", "level", 62.3),
        ("常住人口城镇化率", "change", 1.1),
    ]


def test_verbs_of_prices_are_not_part_of_the_indicator() -> None:
    (rise,) = facts_of(EXECUTION + "居民消费价格指数上涨0.3%。")
    (fall,) = facts_of(EXECUTION + "工业生产者出厂价格下跌1.2%。")
    assert (rise["indicator"], rise["kind"], rise["value"]) == ("居民消费价格指数", "growth", 0.3)
    assert (fall["indicator"], fall["kind"], fall["value"]) == (
        "工业生产者出厂价格",
        "growth",
        -1.2,
    )


def test_share_of_the_annual_plan_is_a_completion_of_the_figure_before() -> None:
    facts = facts_of(
        EXECUTION
        + "重点项目完成投资123.4亿元，占年度计划的102.6%。进出口总额25.6亿元，为年计划的98%。"
    )
    assert [(f["indicator"], f["kind"], f["value"]) for f in facts] == [
        ("重点项目完成投资", "level", 123.4),
        ("重点项目完成投资", "completion", 102.6),
        ("进出口总额", "level", 25.6),
        ("进出口总额", "completion", 98.0),
    ]


def test_a_target_restated_in_the_review_is_a_target_of_the_report_year() -> None:
    target, result = facts_of(
        EXECUTION + "人大审议批准的2023年计划确定的地区生产总值增长6.5%左右的预期目标，"
        "执行结果为增长6.2%。"
    )
    assert (target["indicator"], target["status"], target["year"]) == (
        "地区生产总值",
        "target",
        2023,
    )
    assert (target["value"], target["qualifier"]) == (6.5, "左右")
    assert (result["indicator"], result["status"], result["value"]) == (
        "地区生产总值",
        "actual",
        6.2,
    )


def test_completion_of_the_annual_goal_and_a_level_reached_by_a_fall() -> None:
    jobs, completion, pm = facts_of(
        EXECUTION + "城镇新增就业78.6万人，完成年度目标的131%。PM2.5平均浓度下降至29.8微克/立方米。"
    )
    assert (jobs["indicator"], jobs["value"], jobs["unit"]) == ("城镇新增就业", 78.6, "万人")
    assert (completion["indicator"], completion["kind"]) == ("城镇新增就业", "completion")
    assert (pm["indicator"], pm["kind"], pm["value"]) == ("PM2.5平均浓度", "level", 29.8)


def test_comparisons_averages_and_control_targets_name_the_figure_before() -> None:
    facts = facts_of(
        EXECUTION + "地区生产总值同比增长7.2%，两年平均增长4.5%。规上工业增加值增长9.3%，"
        "比全市平均水平高2.1个百分点。城镇登记失业率3.2%，低于4.5%的控制目标。"
    )
    read = [(f["indicator"], f["kind"], f["status"], f["value"]) for f in facts]
    assert read == [
        ("地区生产总值", "growth", "actual", 7.2),
        ("地区生产总值", "other", "actual", 4.5),
        ("规上工业增加值", "growth", "actual", 9.3),
        ("规上工业增加值增速（比全市平均水平高）", "other", "actual", 2.1),
        ("城镇登记失业率", "level", "actual", 3.2),
        ("城镇登记失业率", "level", "target", 4.5),
    ]


def test_a_higher_goal_after_a_growth_target_is_a_growth_target() -> None:
    expected, striven = facts_of(PLAN + "地区生产总值增长7%左右，力争达到8%。")
    assert (striven["indicator"], striven["kind"], striven["status"]) == (
        "地区生产总值",
        "growth",
        "target",
    )
    assert (expected["value"], striven["value"]) == (7.0, 8.0)


def test_livestock_counted_in_heads_and_birds_keeps_its_qualifier() -> None:
    (herd,) = facts_of(EXECUTION + "牲畜存栏稳定在150万头只以上。")
    assert (herd["value"], herd["unit"], herd["qualifier"]) == (150.0, "万头只", "以上")


def test_ordinal_lists_of_industries_and_growth_in_multiples() -> None:
    facts = facts_of(
        EXECUTION + "第一、二、三产业增加值分别增长4.1%、5.2%和3.9%。"
        "新能源汽车、光伏产量分别增长1.2倍和56.3%。"
    )
    assert [(f["indicator"], f["kind"], f["value"], f["unit"]) for f in facts] == [
        ("第一产业增加值", "growth", 4.1, "%"),
        ("第二产业增加值", "growth", 5.2, "%"),
        ("第三产业增加值", "growth", 3.9, "%"),
        ("新能源汽车产量", "growth", 1.2, "倍"),
        ("光伏产量", "growth", 56.3, "%"),
    ]


def test_adjusted_growth_and_net_additions_name_the_figure_before() -> None:
    facts = facts_of(
        EXECUTION + "一般公共预算收入下降2.3%，扣除留抵退税因素后增长5.6%。"
        "新登记市场主体12.6万户，净增5.1万户。"
    )
    assert [(f["indicator"], f["value"]) for f in facts] == [
        ("一般公共预算收入", -2.3),
        ("一般公共预算收入", 5.6),
        ("新登记市场主体", 12.6),
        ("新登记市场主体", 5.1),
    ]


WEB_PAGE = (
    "首页 > 政务公开 > 规划计划\n"
    "某某区2022年国民经济和社会发展计划执行情况与2023年计划草案\n"
    "发布时间：2023-02-15 10:30  来源：区发展改革委  浏览次数：1234次  【打印】【关闭】\n"
    "一、2022年计划执行情况\n"
    "　　全区实现地区生产总值856.2亿元，增长3.1%。\n"
    "版权所有：某某区人民政府  备案号：蜀ICP备12345678号-1  访问量：98765次\n"
)


def test_a_web_page_saved_as_text_gives_the_report_not_its_furniture() -> None:
    result = extract(read_bytes(WEB_PAGE.encode(), "page.txt"))
    assert (result["region"], result["report_year"], result["plan_year"]) == ("某某区", 2022, 2023)
    assert [(f["indicator"], f["value"]) for f in result["facts"]] == [
        ("地区生产总值", 856.2),
        ("地区生产总值", 3.1),
    ]


def test_furniture_words_inside_the_report_body_are_left_alone() -> None:
    body = EXECUTION + "　　全区实现地区生产总值856.2亿元。\n" * 200 + "网站访问量达到98765次。\n"
    values = [f["value"] for f in facts_of(body + "　　全区实现地区生产总值856.2亿元。\n" * 200)]
    assert 98765.0 in values


def test_an_estimate_between_indicator_and_verb_is_not_part_of_the_name() -> None:
    level, growth = facts_of(EXECUTION + "全年地区生产总值预计完成265亿元，增长6.8%。")
    assert (level["indicator"], level["qualifier"]) == ("地区生产总值", "预计")
    assert growth["indicator"] == "地区生产总值"


@pytest.mark.parametrize(
    "heading",
    [
        "二、2024年经济社会发展的总体要求和主要目标",
        "第二部分 2024年国民经济和社会发展计划",
        "二．2024年主要目标",
        "贰、2024年主要预期目标",
        "2、2024年主要预期目标",
        "（二）2024年主要预期目标",
        "二、明年工作打算",
    ],
)
def test_plan_sections_are_found_however_their_heading_is_numbered(heading: str) -> None:
    review, plan = facts_of(
        EXECUTION
        + "　　全区地区生产总值增长6.1%。\n"
        + heading
        + "\n　　地区生产总值增长6.5%左右。\n"
    )
    assert (review["status"], review["year"]) == ("actual", 2023)
    assert (plan["status"], plan["year"]) == ("target", 2024)


def test_an_item_naming_the_plan_year_without_planning_words_is_no_heading() -> None:
    _review, later = facts_of(
        EXECUTION
        + "　　全区地区生产总值增长6.1%。\n（六）积极谋划2024年项目建设\n　　新开工项目35个。\n"
    )
    assert (later["status"], later["year"]) == ("actual", 2023)


def test_falling_short_of_the_target_said_as_ta_is_a_comparison_of_what_happened() -> None:
    facts = facts_of(
        EXECUTION
        + "上半年全区地区生产总值同比增长3.6%，塌目标2.4个百分点；固定资产投资同比下降12.5%，"
        "塌时序进度8.1个百分点。"
    )
    read = [(f["indicator"], f["kind"], f["status"], f["value"]) for f in facts]
    assert read == [
        ("地区生产总值", "growth", "actual", 3.6),
        ("地区生产总值增速（塌目标）", "other", "actual", 2.4),
        ("固定资产投资", "growth", "actual", -12.5),
        ("塌时序进度", "time_progress", "actual", -8.1),
    ]


def test_a_growth_target_said_as_the_target_of_a_growth_is_a_growth() -> None:
    economy, industry = facts_of(PLAN + "全县生产总值增长目标为7%以上，工业增速预期目标是8.5%。")
    assert [(f["indicator"], f["kind"], f["status"]) for f in (economy, industry)] == [
        ("生产总值", "growth", "target"),
        ("工业", "growth", "target"),
    ]


def test_revenue_as_a_share_of_its_budget_is_progress_and_a_spending_share_is_a_share() -> None:
    revenue, progress, spending = facts_of(
        EXECUTION
        + "上半年一般公共预算收入完成2.3亿元，占预算的48.7%。民生支出占预算支出的比重为81%。"
    )
    assert (progress["indicator"], progress["kind"]) == (revenue["indicator"], "completion")
    assert (spending["kind"], spending["value"]) == ("share", 81.0)


def test_a_figure_alone_in_quotation_marks_is_quoted_not_a_slogan() -> None:
    facts = facts_of(
        PLAN + "全市经济增速预期定格“6.5%左右”。全力打造“2349”工程，实施“1+5”行动，推进“两个100%”。"
    )
    assert [(f["value"], f["unit"], f["kind"], f["status"]) for f in facts] == [
        (6.5, "%", "growth", "target")
    ]


def test_a_news_pages_view_and_comment_counters_are_furniture() -> None:
    page = (
        "某某区三届人大二次会议开幕\n2023-01-12 08:30:15 来源：某某日报\n12浏览 评论3条\n"
        "报告指出，2022年全区地区生产总值增长5.2%。\n"
    )
    result = extract(read_bytes(page.encode(), "page.txt"))
    assert [f["value"] for f in result["facts"]] == [5.2]


def test_a_size_the_things_counted_must_exceed_is_no_figure_of_its_own() -> None:
    facts = facts_of(
        EXECUTION
        + "全年签约过亿元项目58个，其中过10亿元项目4个；新增年收入超50万元的集体经济强村12个。"
        "全县固定资产投资超过120亿元。"
    )
    assert [(f["value"], f["unit"]) for f in facts] == [
        (58.0, "个"),
        (4.0, "个"),
        (12.0, "个"),
        (120.0, "亿元"),
    ]


def test_the_roll_call_of_a_congress_session_is_not_the_regions_figures() -> None:
    page = (
        "某某县十九届人大三次会议隆重开幕\n大会应到代表198名，实到代表187名，符合法定人数。"
        "有12名代表因事请假。报告指出，2023年全县地区生产总值增长6.1%，城镇新增就业3200人。\n"
    )
    result = extract(read_bytes(page.encode(), "page.txt"))
    assert [(f["value"], f["unit"]) for f in result["facts"]] == [(6.1, "%"), (3200.0, "人")]
