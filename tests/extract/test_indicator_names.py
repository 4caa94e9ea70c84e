"""An indicator's name is the indicator: no place, count, verb or aspect word around it."""

from __future__ import annotations

from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from jihua.document import read_bytes
from jihua.extract import extract, read_facts
from jihua.store import load_synonyms

REVIEW = "一、2023年国民经济和社会发展计划执行情况\n"


def facts_of(body: str) -> list[dict[str, Any]]:
    return [fact.to_dict() for fact in read_facts(REVIEW + body, 2023, 2024)]


def names_of(body: str) -> list[str]:
    return [fact["indicator"] for fact in facts_of(body) if not fact.get("rank")]


def ranks_of(body: str) -> list[tuple[str, float]]:
    return [(f["indicator"], f["value"]) for f in facts_of(body) if f.get("rank")]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("城关地区生产总值增长5%。", "地区生产总值"),
        ("全县地区生产总值增长6.1%。", "地区生产总值"),
        ("城关镇规上工业增加值增长4%。", "规上工业增加值"),
        ("高新区固定资产投资增长12.5%。", "固定资产投资"),
        ("城关街道社会消费品零售总额增长3.2%。", "社会消费品零售总额"),
        ("某某经济技术开发区一般公共预算收入增长8%。", "一般公共预算收入"),
        ("2024年全县地区生产总值增长7%左右。", "地区生产总值"),
    ],
)
def test_a_place_or_a_time_before_an_indicator_is_not_its_name(sentence: str, name: str) -> None:
    assert names_of(sentence) == [name]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("城镇居民人均可支配收入增长5.1%。", "城镇居民人均可支配收入"),
        ("人均地区生产总值达到9.8万元。", "人均地区生产总值"),
        ("建成区绿化覆盖率提升至43.4%。", "建成区绿化覆盖率"),
        ("乡镇企业增加值增长3%。", "乡镇企业增加值"),
        ("单位地区生产总值能耗下降3.4%。", "单位地区生产总值能耗"),
    ],
)
def test_words_that_only_look_like_a_place_stay(sentence: str, name: str) -> None:
    assert names_of(sentence) == [name]


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("1200个市重点项目完成投资980亿元。", "市重点项目完成投资"),
        ("全县58个省级重点项目完成投资60.3亿元。", "省级重点项目完成投资"),
        ("两家龙头企业实现产值15亿元。", "龙头企业产值"),
    ],
)
def test_a_count_of_things_is_not_part_of_the_name(sentence: str, name: str) -> None:
    assert names_of(sentence)[-1] == name


@pytest.mark.parametrize(
    ("sentence", "name"),
    [
        ("发展高山茶叶3.5万亩。", "高山茶叶"),
        ("种植中药材1.4万亩。", "中药材"),
        ("改造老旧小区46个。", "老旧小区"),
        ("争取上级资金12.6亿元。", "上级资金"),
        ("组织文化惠民活动不少于600场次。", "文化惠民活动"),
    ],
)
def test_a_leading_verb_of_doing_is_not_part_of_the_name(sentence: str, name: str) -> None:
    assert names_of(sentence) == [name]


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("固定资产投资较快增长，规模达到980.5亿元。", ["固定资产投资"]),
        ("社会消费品零售总额稳步回升，总量达到320亿元。", ["社会消费品零售总额"]),
        (
            "地区生产总值首次突破千亿元大关，达到1002.1亿元，同比增长4%。",
            ["地区生产总值", "地区生产总值"],
        ),
    ],
)
def test_an_aspect_or_a_bare_verb_takes_the_indicator_named_before(
    sentence: str, names: list[str]
) -> None:
    assert names_of(sentence) == names


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        ("金融机构存、贷款余额分别增长8.1%、9.2%。", ["金融机构存款余额", "金融机构贷款余额"]),
        ("进、出口总额分别增长3%、5%。", ["进口总额", "出口总额"]),
        ("本外币存贷款余额分别增长16.6%、11%。", ["本外币存款余额", "本外币贷款余额"]),
        (
            "城镇和农村居民人均可支配收入分别增长4.8%、6.9%。",
            ["城镇居民人均可支配收入", "农村居民人均可支配收入"],
        ),
    ],
)
def test_a_list_sharing_its_tail_expands_to_full_names(sentence: str, names: list[str]) -> None:
    assert names_of(sentence) == names


@pytest.mark.parametrize(
    ("sentence", "ranks"),
    [
        (
            "规上工业增加值、固定资产投资增速分居全省第4、第3位。",
            [("规上工业增加值", 4.0), ("固定资产投资增速", 3.0)],
        ),
        ("全县实现地区生产总值512亿元，增长6.1%，增速位居全市首位。", [("地区生产总值增速", 1.0)]),
        ("一般公共预算收入完成30.2亿元，总量稳居全市第四位。", [("一般公共预算收入", 4.0)]),
        ("固定资产投资增长11.2%，排名上升至全市第三位。", [("固定资产投资增速", 3.0)]),
        ("社会消费品零售总额达到210亿元，升至全省第5位。", [("社会消费品零售总额", 5.0)]),
        (
            "经济总量稳居全市第四位，增速位居全省首位。",
            [("经济总量", 4.0), ("地区生产总值增速", 1.0)],
        ),
    ],
)
def test_every_ranking_verb_gives_a_rank_of_the_right_indicator(
    sentence: str, ranks: list[tuple[str, float]]
) -> None:
    assert ranks_of(sentence) == ranks


def test_first_place_put_as_a_duty_is_no_rank() -> None:
    assert ranks_of("始终把安全生产放在首位。") == []


@pytest.mark.parametrize(
    ("sentence", "qualifier"),
    [
        ("地区生产总值增长 7.5% 左右。", "左右"),
        ("固定资产投资达到 500 亿元 以上。", "以上"),
        ("城镇调查失业率控制在 5.5% 以内。", "以内"),
    ],
)
def test_a_space_before_a_qualifier_keeps_it(sentence: str, qualifier: str) -> None:
    (fact,) = facts_of(sentence)
    assert fact["qualifier"] == qualifier
    assert fact["indicator"] in ("地区生产总值", "固定资产投资", "城镇调查失业率")


@pytest.mark.parametrize(
    ("opening", "region"),
    [
        ("现将全县2022年国民经济和社会发展计划执行情况和2023年计划草案报告如下，请予审议。", None),
        ("受区人民政府委托，现将我区2022年国民经济和社会发展计划执行情况报告如下。", None),
        (
            "关于某某县2022年国民经济和社会发展计划执行情况与2023年计划草案的报告\n"
            "现将全县2022年国民经济和社会发展计划执行情况报告如下。",
            "某某县",
        ),
    ],
)
def test_the_opening_words_of_a_speech_are_no_region(opening: str, region: str | None) -> None:
    text = f"{opening}\n一、执行情况\n地区生产总值增长5%。\n"
    result = extract(read_bytes(text.encode(), "report.txt"))
    assert (result["region"], result["report_year"]) == (region, 2022)


@pytest.mark.parametrize(
    ("first", "second"),
    [
        ("城关地区生产总值达到98亿元。", "全县GDP达到120亿元。"),
        ("经济总量稳居全市第四位。", "地区生产总值达到120亿元。"),
        ("金融机构存、贷款余额分别达到300亿元、200亿元。", "金融机构本外币存款余额达到310亿元。"),
        ("某某镇规上工业增加值增长4%。", "规模以上工业增加值增长5%。"),
    ],
)
def test_names_of_one_indicator_meet_in_the_synonym_table(first: str, second: str) -> None:
    synonyms = load_synonyms()
    one = facts_of(first)[0]
    other = facts_of(second)[0]
    suffix = {"growth": "增长"}
    assert synonyms.canonical(one["indicator"] + suffix.get(one["kind"], "")) == synonyms.canonical(
        other["indicator"] + suffix.get(other["kind"], "")
    )


@pytest.mark.parametrize(
    ("sentence", "kind"),
    [
        ("地区生产总值预计实现1900亿元，完成全年总量目标的107%。", "completion"),
        ("全县固定资产投资完成年度投资计划的96.5%。", "completion"),
        ("居民消费价格涨幅3%左右。", "growth"),
        ("居民消费价格指数涨幅控制在3%以内。", "growth"),
        ("城乡居民人均可支配收入增速分别达到8%左右、9%左右。", "growth"),
    ],
)
def test_completions_and_rates_of_rise_in_other_words(sentence: str, kind: str) -> None:
    assert facts_of(sentence)[-1]["kind"] == kind


@pytest.mark.parametrize(
    "sentence",
    [
        "详见https://example.cn/wiki/%E6%B9%96%E5%8D%97%E7%9C%812023%E5%B9%B4。",
        "全省地区生产总值居全国第6位，位次比去年同期前移5位。",
    ],
)
def test_url_escapes_and_rank_moves_are_no_figures(sentence: str) -> None:
    assert [f for f in facts_of(sentence) if not f.get("rank")] == []


@pytest.mark.parametrize(
    ("title", "region"),
    [
        ("受省人民政府委托，向大会提交某某省2024年国民经济和社会发展计划执行情况的报告", "某某省"),
        (
            "部门动态某某自治区2022年国民经济和社会发展计划执行情况与2023年计划草案报告",
            "某某自治区",
        ),
        ("依照法律审查批准的2022年国民经济和社会发展计划执行情况", None),
    ],
)
def test_a_region_after_the_words_of_a_speech_or_a_page(title: str, region: str | None) -> None:
    text = f"{title}\n一、执行情况\n地区生产总值增长5%。\n"
    assert extract(read_bytes(text.encode(), "report.txt"))["region"] == region


PLACE_NAMES = st.text(alphabet="东南西北城关龙泉白马青山新华和平金水", min_size=2, max_size=4)
LEVELS = st.sampled_from(["镇", "乡", "街道", "区", "县", "市", "经济开发区"])
INDICATORS = st.sampled_from(
    ["地区生产总值", "一般公共预算收入", "固定资产投资", "社会消费品零售总额", "规上工业增加值"]
)


@given(place=PLACE_NAMES, level=LEVELS, indicator=INDICATORS)
@settings(max_examples=60, deadline=None)
def test_any_place_before_a_known_indicator_leaves_the_indicator(
    place: str, level: str, indicator: str
) -> None:
    (fact,) = facts_of(f"{place}{level}{indicator}增长6.5%。")
    assert fact["indicator"] == indicator


@given(
    count=st.integers(min_value=2, max_value=9999),
    measure=st.sampled_from(["个", "项", "家", "批"]),
    things=st.sampled_from(["市重点项目", "省级重点项目", "龙头企业", "技改项目"]),
)
@settings(max_examples=40, deadline=None)
def test_any_count_before_what_was_counted_is_left_out_of_the_name(
    count: int, measure: str, things: str
) -> None:
    facts = facts_of(f"{count}{measure}{things}完成投资36.5亿元。")
    assert facts[-1]["indicator"] == f"{things}完成投资"


@pytest.mark.parametrize(
    ("sentence", "names"),
    [
        (
            "全省地区生产总值增长6.8%，增速比全国(5.5%)高1.3个百分点。",
            ["地区生产总值", "全国地区生产总值", "地区生产总值增速（比全国高）"],
        ),
        (
            "规上工业增加值增长9.1%，增幅比全省（7.2%）高1.9个百分点。",
            ["规上工业增加值", "全省规上工业增加值", "规上工业增加值增速（比全省高）"],
        ),
    ],
)
def test_a_wider_regions_figure_in_brackets_is_named_after_it(
    sentence: str, names: list[str]
) -> None:
    assert names_of(sentence) == names
