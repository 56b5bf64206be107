"""CJK money notation: myriad scales glued to the number and the currency
(etl.extract.money.cjk). Sentences written for these tests."""

from __future__ import annotations

import pytest

from etl.extract.money import extract_money
from etl.extract.text import normalise


def found(text: str):
    amounts, _rates, convs, _pcts = extract_money(normalise(text))
    return [(a.text, a.value, a.currency, a.qualifier) for a in amounts], [(c.source, c.target) for c in convs]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("経済産業省は3兆9000億円を計上した。", ("3兆9000億円", 3.9e12, "JPY", "exact")),
        ("정부는 2조 5천억 원을 투자한다.", ("2조 5천억 원", 2.5e12, "KRW", "exact")),
        ("SK하이닉스는 38억7000만 달러를 투자한다.", ("38억7000만 달러", 3.87e9, "USD", "exact")),
        ("中国计划投资3.4万亿元人民币建设算力。", ("3.4万亿元人民币", 3.4e12, "CNY", "exact")),
        ("行政院投入新台币1000亿元发展AI。", ("新台币1000亿元", 1e11, "TWD", "exact")),
        ("香港特区政府拨款30亿港元。", ("30亿港元", 3e9, "HKD", "exact")),
        ("データセンター投資は2,500億円を超える。", ("2,500億円", 2.5e11, "JPY", "over")),
        ("ソフトバンクは約5000億円を投資する。", ("5000億円", 5e11, "JPY", "about")),
        ("上海市将安排不超过100亿元支持大模型。", ("100亿元", 1e10, "CNY", "up_to")),
        ("정부는 100조 원 이상을 투입한다.", ("100조 원", 1e14, "KRW", "at_least")),
    ],
)
def test_one_cjk_amount(text, expected) -> None:
    amounts, _ = found(text)
    assert amounts == [expected]


@pytest.mark.parametrize(
    ("text", "low", "high"),
    [("予算は300億〜500億円規模。", 3e10, 5e10), ("予算は300〜500億円規模。", 3e10, 5e10), ("总投资50亿至80亿元。", 5e9, 8e9)],
)
def test_cjk_range_takes_the_scale_said_once(text, low, high) -> None:
    amounts, _ = extract_money(normalise(text))[:2]
    assert [(a.qualifier, a.value_min, a.value_max) for a in amounts] == [("range", low, high)]


def test_cjk_bracketed_restatement_is_a_conversion_in_either_script() -> None:
    amounts, convs = found("同社は米国に1000億ドル（約15兆円）を投資する。トヨタは1兆2000億円（US$8.1 billion）を投じる。")
    assert [a[:3] for a in amounts] == [
        ("1000億ドル", 1e11, "USD"), ("15兆円", 1.5e13, "JPY"), ("1兆2000億円", 1.2e12, "JPY"), ("US$8.1 billion", 8.1e9, "USD"),
    ]
    assert amounts[1][3] == "about"
    assert convs == [(0, 1), (2, 3)]


def test_cjk_about_equal_to_opens_a_bracketed_conversion() -> None:
    amounts, convs = found("该公司宣布投资20亿美元（约合145亿元人民币）建设智算中心。")
    assert amounts == [("20亿美元", 2e9, "USD", "exact"), ("145亿元人民币", 1.45e10, "CNY", "about")]
    assert convs == [(0, 1)]


@pytest.mark.parametrize(
    "text",
    ["GPU 1만 장을 확보하고 2027년까지 인재 5만 명을 양성한다.", "图为数据中心（2024年6月摄）。电话：010-12345678", "目标是培养5万人。"],
)
def test_cjk_figures_without_a_currency_are_not_money(text) -> None:
    assert found(text)[0] == []
