"""Golden cases for etl.extract.dates: one phenomenon per test, English and Russian.

Publication date for relative cases is Wednesday 2025-11-19, the day of the Reuters
story in the seed corpus ("President Vladimir Putin on Wednesday called for ...").
"""

from __future__ import annotations

import datetime as dt

import pytest

from etl.extract.dates import extract_dates, find_publication_date
from etl.extract.text import normalise

PUB = dt.date(2025, 11, 19)  # a Wednesday


def values(text: str, published: dt.date | None = PUB, lang: str | None = None) -> list[str]:
    dates, _ = extract_dates(normalise(text), published, lang)
    return [d.value for d in dates]


def deadlines(text: str, published: dt.date | None = PUB, lang: str | None = None):
    _, dls = extract_dates(normalise(text), published, lang)
    return [(d.text, d.year, d.date, d.precision, d.relation) for d in dls]


@pytest.mark.parametrize(
    "text, value",
    [
        ("November 19, 2025", "2025-11-19"),
        ("Nov. 19, 2025", "2025-11-19"),
        ("19 Nov 2025", "2025-11-19"),
        ("04th Jan 2019", "2019-01-04"),
        ("2025-11-19", "2025-11-19"),
        ("19.11.2025", "2025-11-19"),
        ("19 ноября 2025 года", "2025-11-19"),
        ("третьего марта 2015", "2015-03-03"),
    ],
)
def test_absolute_days_in_every_common_form(text: str, value: str) -> None:
    assert values(text) == [value]


def test_numeric_dates_are_month_first_in_english_and_day_first_in_russian() -> None:
    assert values("05/06/2025", lang="en") == ["2025-05-06"]
    assert values("05/06/2025", lang="ru") == ["2025-06-05"]
    assert values("23/08/2025", lang="en") == ["2025-08-23"]  # 23 cannot be a month


@pytest.mark.parametrize(
    "text, value",
    [("October 2014", "2014-10"), ("в марте 2027 г.", "2027-03"), ("май 2017 г.", "2017-05"), ("2014-10", "2014-10")],
)
def test_months_with_a_year(text: str, value: str) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize(
    "text, value",
    [("in 2030", "2030"), ("В 2030 году", "2030"), ("2015 год", "2015"), ("the 2023 strategy", "2023")],
)
def test_years(text: str, value: str) -> None:
    assert values(text) == [value]


@pytest.mark.parametrize(
    "text, value",
    [
        ("the 2025-2030 plan", "2025-01-01/2030-12-31"),
        ("the 2025\u201330 plan", "2025-01-01/2030-12-31"),  # en dash, two-digit end
        ("between 2024 and 2026", "2024-01-01/2026-12-31"),
        ("с 2025 по 2030 год", "2025-01-01/2030-12-31"),
        ("в 2025\u20132030 годах", "2025-01-01/2030-12-31"),
    ],
)
def test_year_ranges_include_both_ends(text: str, value: str) -> None:
    assert values(text) == [value]


def test_fiscal_years_keep_year_precision() -> None:
    assert values("FY2029-30") == ["2029/2030"]
    assert values("fiscal 2028") == ["2028"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("Q3 2026", "2026-07-01/2026-09-30"),
        ("2019-Q1", "2019-01-01/2019-03-31"),
        ("first half of 2026", "2026-01-01/2026-06-30"),
        ("H2 2025", "2025-07-01/2025-12-31"),
        ("во втором полугодии 2026 года", "2026-07-01/2026-12-31"),
        ("четвёртый квартал 2018", "2018-10-01/2018-12-31"),
    ],
)
def test_quarters_and_halves_are_ranges(text: str, value: str) -> None:
    assert values(text) == [value]


def test_weekday_is_the_most_recent_one_and_publication_day_counts() -> None:
    # Reuters, Wednesday 2025-11-19: "Putin on Wednesday called for ..."
    assert values("President Vladimir Putin on Wednesday called for a task force") == ["2025-11-19"]
    assert values("Путин в среду призвал создать штаб") == ["2025-11-19"]
    assert values("on Monday") == ["2025-11-17"]
    assert values("в пятницу") == ["2025-11-14"]


def test_next_and_last_weekday_are_in_next_and_last_week() -> None:
    assert values("next Friday") == ["2025-11-28"]
    assert values("last Friday") == ["2025-11-14"]
    assert values("в прошлый вторник") == ["2025-11-11"]


@pytest.mark.parametrize(
    "text, value",
    [
        ("yesterday", "2025-11-18"),
        ("вчера", "2025-11-18"),
        ("last week", "2025-11-10/2025-11-16"),
        ("на прошлой неделе", "2025-11-10/2025-11-16"),
        ("next year", "2026"),
        ("в следующем году", "2026"),
        ("в прошлом году", "2024"),
        ("this month", "2025-11"),
        ("earlier this year", "2025-01-01/2025-11-18"),
        ("three months ago", "2025-08-19"),
        ("две недели назад", "2025-11-05"),
    ],
)
def test_relative_expressions_resolve_against_publication(text: str, value: str) -> None:
    assert values(text) == [value]


def test_relative_without_publication_date_is_flagged_not_guessed() -> None:
    dates, _ = extract_dates(normalise("yesterday and on Friday, 19 November"), None)
    assert [(d.value, d.resolved, d.relative) for d in dates] == [("", False, True), ("", False, True)]


def test_missing_year_takes_the_publication_year() -> None:
    assert values("19 ноября") == ["2025-11-19"]
    assert values("on March 3") == ["2025-03-03"]
    # across New Year the nearer year wins: "January 15" in a December story
    assert values("January 15", dt.date(2025, 12, 20)) == ["2026-01-15"]


def test_span_text_and_offsets_index_the_original() -> None:
    text = "Posted\u00a0on November\u00a019,\u00a02025 &amp; by\u00ad 2030"
    dates, dls = extract_dates(normalise(text), PUB)
    for span in [*dates, *dls]:
        assert text[span.start:span.end] == span.text
    assert [d.value for d in dates] == ["2025-11-19", "2030"]


@pytest.mark.parametrize(
    "text, expected",
    [
        ("by 2030", ("by 2030", 2030, "2030-12-31", "year", "by")),
        ("к 2030 году", ("к 2030 году", 2030, "2030-12-31", "year", "by")),
        ("до 2030 года", ("до 2030 года", 2030, "2030-12-31", "year", "until")),
        ("until 2027", ("until 2027", 2027, "2027-12-31", "year", "until")),
        ("through March 2029", ("through March 2029", 2029, "2029-03-31", "month", "until")),
        ("к 1 марта 2027 г.", ("к 1 марта 2027 г.", 2027, "2027-03-01", "day", "by")),
        ("by fiscal 2028", ("by fiscal 2028", 2028, None, "fiscal_year", "by")),
        ("by mid-2027", ("by mid-2027", 2027, "2027-06-30", "month", "by")),
        ("by the end of 2025", ("by the end of 2025", 2025, "2025-12-31", "year", "by")),
    ],
)
def test_deadlines_by_and_until(text: str, expected: tuple) -> None:
    assert deadlines(text) == [expected]


def test_end_of_the_decade_is_2030_in_the_2020s() -> None:
    assert deadlines("by the end of the decade") == [
        ("by the end of the decade", 2030, "2030-12-31", "year", "by")
    ]


def test_within_n_years_counts_from_the_publication_year() -> None:
    assert deadlines("within five years") == [("within five years", 2030, None, "year", "within")]
    assert deadlines("в ближайшие три года") == [("в ближайшие три года", 2028, None, "year", "within")]


def test_year_range_gives_a_range_end_deadline() -> None:
    assert deadlines("the 2025-2030 strategy") == [("2025-2030", 2030, "2030-12-31", "year", "range_end")]


def test_a_year_alone_is_not_a_deadline() -> None:
    assert values("the 2023 strategy") == ["2023"]
    assert values("Russia's 2030 strategy") == ["2030"]  # a possessive is not a name
    assert deadlines("the 2023 strategy") == []


@pytest.mark.parametrize(
    "text",
    [
        "Gigachat 2025 edition",
        "AI Journey 2025",
        "Global Banking & Finance Awards 2026",
        "Decree No. 124",
        "GPT-4",
        "2 min read",
        "$2030 million",
        "100 kilometers",
        "deliver 2000 pieces of toys",
        "Tel: +86 138-2010-2015",
        "This may take longer than expected.",
        "May I ask what this is for?",
        "trading closed at 1430 GMT",
        "выделено 2030 млн рублей",
    ],
)
def test_numbers_names_and_versions_are_not_dates(text: str) -> None:
    assert values(text) == []


def test_publication_date_in_the_text() -> None:
    for text, expected in [
        ("Finance\n\nPosted on November 19, 2025\n\n2 min read", dt.date(2025, 11, 19)),
        ("Published: 19 Nov 2025", dt.date(2025, 11, 19)),
        ("Опубликовано 19.11.2025 10:00", dt.date(2025, 11, 19)),
    ]:
        norm = normalise(text)
        found = find_publication_date(norm)
        assert found is not None and found[0] == expected
        assert text[found[1]:found[2]] in ("November 19, 2025", "19 Nov 2025", "19.11.2025")


def test_publication_label_beats_update_label() -> None:
    text = "Last updated: January 20, 2026. Posted on November 19, 2025"
    found = find_publication_date(normalise(text))
    assert found is not None and found[0] == dt.date(2025, 11, 19)


def test_no_publication_date_in_text() -> None:
    assert find_publication_date(normalise("Putin said on Wednesday")) is None


def test_seed_story_dates_and_deadline() -> None:
    text = (
        "Posted on November 19, 2025\n\n"
        "MOSCOW (Reuters) -President Vladimir Putin on Wednesday called for a national task "
        "force. Putin said at AI Journey, Russia's flagship AI event, that AI's contribution "
        "to GDP should exceed 11 trillion roubles by 2030."
    )
    dates, dls = extract_dates(normalise(text), PUB, "en")
    assert [(d.text, d.value) for d in dates] == [
        ("November 19, 2025", "2025-11-19"),
        ("Wednesday", "2025-11-19"),
        ("2030", "2030"),
    ]
    assert [(d.text, d.year) for d in dls] == [("by 2030", 2030)]


def test_holidays_and_seasons() -> None:
    assert values("easter 2018") == ["2018-04-01"]
    assert values("на Пасху 2018") == ["2018-04-08"]  # Orthodox Easter in Russian text
    assert values("this summer") == ["2025-06-01/2025-08-31"]


def test_spans_of_a_year_common_in_business_news() -> None:
    assert values("in the first nine months of 2025") == ["2025-01-01/2025-09-30"]
    assert values("the first week of 2015") == ["2014-12-29/2015-01-04"]  # ISO week 1


def test_before_the_end_of_runs_to_the_end() -> None:
    assert values("before the end of the year") == ["../2025-12-31"]
    assert deadlines("before the end of 2026") == [
        ("before the end of 2026", 2026, "2026-12-31", "year", "by")
    ]
    assert deadlines("before 2030") == [("before 2030", 2029, "2029-12-31", "year", "by")]


def test_deadline_without_a_year_looks_ahead() -> None:
    # "к концу марта" in a November story is next March, not the one past
    assert deadlines("к концу марта") == [("к концу марта", 2026, "2026-03-31", "month", "by")]
    assert deadlines("by March 1") == [("by March 1", 2026, "2026-03-01", "day", "by")]


def test_future_year_in_a_sentence_about_plans_is_a_target() -> None:
    # Stargate UAE release: "The first 200 megawatts are scheduled to come online in 2026."
    assert deadlines("The first 200 megawatts are scheduled to come online in 2026.") == [
        ("in 2026", 2026, "2026-12-31", "year", "by")
    ]
    assert deadlines("Сбербанк планирует запустить модель в 2027 году.") == [
        ("в 2027 году", 2027, "2027-12-31", "year", "by")
    ]
    assert deadlines("The plant opened in 2026.") == []  # no plan, no target


def test_period_to_a_year_is_an_until_deadline() -> None:
    # Reuters: "over the three years to 2026"
    assert deadlines("will spend 450 billion roubles over the three years to 2026") == [
        ("to 2026", 2026, "2026-12-31", "year", "until")
    ]


def test_holiday_some_years_away_is_that_years_holiday():
    assert values("Thanksgiving in two years") == ["2027-11-25"]
    assert values("The festival was moved to Diwali three years ago.") == ["2022-10-24"]


def test_ordinal_day_of_the_month_in_words():
    assert values("Bids are due before the twenty-sixth day of the month.") == ["../2025-11-25"]
    assert values("the 31st day of December 2026") == ["2026-12-31"]


def test_nth_month_of_a_year():
    assert values("Talks resume in the third month of 2026.") == ["2026-03"]
    assert values("the 13th month of 2026") == ["2026"]


def test_cardinal_day_words_before_a_month_need_a_year():
    assert values("She was born on twenty five January nineteen eighty six.") == ["1986-01-25"]
    assert values("Three ships sank on twenty five January.") == ["2026-01"]


def test_boss_day_without_the_possessive():
    assert values("boss day 2026") == ["2026-10-16"]


def test_month_abbreviation_alone_after_a_preposition():
    assert values("Exports recovered after Feb.") == values("Exports recovered after February.") == ["2025-03-01/.."]
    assert values("Feb") == []


def test_two_days_sharing_a_month():
    assert values("Ministers meet on 3 and 4 March 2026.") == ["2026-03-03", "2026-03-04"]
    assert values("Встреча пройдёт 18 и 19 июня 2026 года.", lang="ru") == ["2026-06-18", "2026-06-19"]


def test_long_texts_find_the_same_anchors_by_walking_their_chunks(monkeypatch):
    # above _LONG_TEXT the anchors come from one walk over the chunks instead of a
    # str.find per distinct chunk; both must give the same anchors
    from etl.extract.dates import anchors as A

    text = " ".join(["On 5 March 2025, 12 days ago, the fund (2,5 млрд руб.) grew 5%; by 2030s: Q3-2026."] * 50)
    monkeypatch.setattr(A, "_LONG_TEXT", 0)
    walked = A._anchors(text)
    monkeypatch.setattr(A, "_LONG_TEXT", 10**9)
    found = A._anchors(text)
    assert walked == found and len(found) > 300


def test_a_period_part_written_onto_its_word():
    # "midyear" is one token: it must open a search window as "mid-year" does
    assert values("The review is due by midyear.") == values("The review is due by mid-year.") != []
    assert [d[0] for d in deadlines("The review is due by midyear.")] == ["by midyear"]
    assert values("Launch in midMarch 2026.") == values("Launch in mid-March 2026.")
    assert values("Talks resumed lately.") == []


def test_the_end_of_the_day_is_a_deadline_only_after_by_or_do():
    # a same-day deadline, in both languages; the figure of speech is no date
    assert values("The ministry will publish the list by the end of the day.") == ["2025-11-19"]
    assert [d[0] for d in deadlines("The ministry will publish the list by the end of the day.")] == [
        "by the end of the day"]
    assert values("Заявки принимаются до конца рабочего дня.", lang="ru") == ["../2025-11-19"]
    assert deadlines("Заявки принимаются до конца дня.", lang="ru") == [
        ("до конца дня", 2025, "2025-11-19", "day", "until")]
    assert values("At the end of the day, AI is only a tool.") == []
    assert values("В конце дня министр выступил с заявлением.", lang="ru") == []


def test_a_day_of_the_month_named_by_its_ordinal_alone():
    # "the week of the 18th": the Monday-to-Sunday week holding the 18th of the month
    assert values("Talks are planned for the week of the 24th.") == ["2025-11-24/2025-11-30"]
    # "the 21st this month" reads as "the 21st of this month"; a count before "this month" does not
    assert values("The vote is around the 21st this month.") == values("The vote is around the 21st of this month.") == [
        "2025-11-21"]
    assert values("The agency hired 20 this month.") == ["2025-11"]
