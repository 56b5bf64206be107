"""Countries from the compiled gazetteer (etl/extract/lexicon/gazetteer.csv): names in ten
languages and Russian cases, capitals and cities as evidence, towns after a preposition,
false-friend city names left out, and the announcing country decided from who acts.
Every text here is our own."""

from __future__ import annotations

import csv

import pytest

from etl import gazetteer
from etl.extract import extract_text
from etl.extract.actors import country_name


def _countries(text: str, title: str | None = None) -> tuple[str | None, list[tuple[str, str]]]:
    x = extract_text(text, title=title)
    return x.country_code, [(a.text, a.code) for a in x.actors if a.kind == "country"]


@pytest.mark.parametrize("text, form, code", [
    # English, with the name as CLDR and pycountry write it
    ("Montevideo hosts the new data centre; Uruguay will pay for it.", "Uruguay", "UY"),
    ("Viet Nam set aside funds for chips.", "Viet Nam", "VN"),
    # French, German, Spanish, Portuguese, Italian names of the country
    ("Le Portugal investira dans une usine d'IA.", "Portugal", "PT"),
    ("Die Niederlande investieren in Rechenzentren.", "Niederlande", "NL"),
    ("Marruecos anunció un plan nacional de IA.", "Marruecos", "MA"),
    ("A Noruega anunciou um fundo para IA.", "Noruega", "NO"),
    ("La Svizzera finanzia un centro di calcolo.", "Svizzera", "CH"),
    ("Polen plant eine KI-Fabrik.", "Polen", "PL"),
    # Russian in several cases
    ("Португалия объявила о строительстве завода ИИ.", "Португалия", "PT"),
    ("Инвестиции Португалии в ИИ выросли.", "Португалии", "PT"),
    ("Мы сотрудничаем с Португалией.", "Португалией", "PT"),
    ("Делегация прибыла в Норвегию.", "Норвегию", "NO"),
    ("Правительство Вьетнама выделит средства.", "Вьетнама", "VN"),
    # Japanese, Korean, Chinese: no spaces, particles glued on
    ("ポルトガル政府はAI工場に投資する。", "ポルトガル", "PT"),
    ("포르투갈은 AI 공장에 투자한다.", "포르투갈", "PT"),
    ("葡萄牙政府宣布投资人工智能工厂。", "葡萄牙", "PT"),
])
def test_a_country_is_found_in_every_language_and_case(text, form, code):
    assert (form, code) in _countries(text)[1]


@pytest.mark.parametrize("text, form, code", [
    ("The ministers met in Lisbon on Monday.", "Lisbon", "PT"),
    ("Os ministros reuniram-se em Lisboa.", "Lisboa", "PT"),
    ("The plant will be built in Sines, on the Atlantic coast.", "Sines", "PT"),
    ("Москва выделит деньги на ИИ.", "Москва", "RU"),
    ("Форум прошёл в Санкт-Петербурге.", "Санкт-Петербурге", "RU"),
    ("Центр откроется в Казани.", "Казани", "RU"),
    ("A campus near Rio de Janeiro was announced.", "Rio de Janeiro", "BR"),
    ("Le centre de Marseille accueillera les serveurs.", "Marseille", "FR"),
])
def test_a_capital_or_city_is_its_countrys_evidence(text, form, code):
    assert (form, code) in _countries(text)[1]


def test_a_city_is_one_span_not_two():
    """"Санкт-Петербурге" is one city: its second half is not a second mention."""
    assert _countries("Форум прошёл в Санкт-Петербурге.")[1] == [("Санкт-Петербурге", "RU")]


def test_a_town_counts_only_after_a_place_preposition():
    """A town of 10,000 people could be a surname; after "in"/"em" it is a place."""
    assert ("Sines", "PT") in _countries("A fábrica ficará em Sines.")[1]
    assert _countries("Sines said the results were strong.")[1] == []


@pytest.mark.parametrize("text", [
    "Nice work by the ministry, said the minister.",
    "Reading the plan, analysts saw little new money.",
    "Mobile operators will share the cost.",
    "Male and female engineers will be trained.",
])
def test_a_city_name_that_is_a_common_word_does_not_count(text):
    """Nice (France), Reading (England), Mobile (Alabama), Malé's "Male": in running text a
    capitalised "Nice" starts a sentence far more often than it names the city."""
    assert _countries(text) == (None, [])


def test_the_portugal_announcement_is_portugal_not_the_eu():
    """The issue's case: "EU recovery fund" is named first, but Portugal's government acts."""
    text = ("The EU recovery fund will cover part of the bill. Portugal's government on Tuesday "
            "announced a €2.4 billion AI gigafactory in Sines, with 900 million euros from the state "
            "budget, to be finished by the end of 2027, officials in Lisbon said.")
    code, found = _countries(text)
    assert code == "PT"
    assert {("Portugal", "PT"), ("Sines", "PT"), ("Lisbon", "PT"), ("EU", "EU")} <= set(found)


def test_the_acting_country_wins_over_the_most_named_one():
    text = ("France, France and France again were named by the speakers. The government of Poland "
            "will invest 5 billion euros in AI.")
    assert _countries(text)[0] == "PL"


def test_an_acting_country_without_money_in_its_sentence_does_not_decide():
    """A visiting "US President" acts in a sentence that commits nothing."""
    text = ("Saudi Arabia's fund will spend $10 billion on AI in Riyadh. The visit of US President "
            "Donald Trump coincided with the forum.")
    assert _countries(text)[0] == "SA"


def test_a_dateline_names_the_announcing_country():
    text = "LISBON, March 3 - The EU said the fund would grow. A €2 billion AI plan was presented."
    assert _countries(text)[0] == "PT"


def test_the_headline_rule_holds_the_uae_commits_and_france_hosts():
    title = "UAE to back AI campus in France"
    text = "France welcomed the deal. The French presidency said France would host the campus."
    assert _countries(text, title)[0] == "AE"


def test_a_headline_city_names_its_country():
    assert _countries("The plan costs €1 billion.", "Lisbon unveils AI plan")[0] == "PT"


@pytest.mark.parametrize("text, code", [
    ("Die Regierung von Portugal investiert 2 Milliarden Euro in KI.", "PT"),
    ("Le gouvernement du Portugal investit 2 milliards d'euros, selon Bruxelles.", "PT"),
    ("El gobierno de Portugal invertirá 2.000 millones de euros; la UE aporta fondos.", "PT"),
    ("O governo de Portugal vai investir 2 mil milhões de euros com fundos da UE.", "PT"),
    ("Правительство России выделит 10 млрд рублей, сообщили в Москве.", "RU"),
])
def test_the_government_named_with_the_money_is_the_announcer(text, code):
    assert _countries(text)[0] == code


def test_country_names_are_the_canonical_english_short_names():
    assert country_name("PT") == "Portugal"
    assert country_name("RU") == "Russia"  # the hand list's name wins over CLDR's
    assert country_name("KR") == "South Korea"
    assert country_name(None) is None


def test_the_compiled_gazetteer_says_its_sources_and_holds_no_excluded_form():
    text = gazetteer.OUT.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    for pkg, licence, _ in gazetteer.SOURCES:
        assert any(line.startswith(f"#   {pkg} ") and licence in line for line in header), pkg
    rows = list(csv.DictReader(line for line in text.splitlines() if not line.startswith("#")))
    words = {r["word"] for r in rows}
    with gazetteer.EXCLUDED.open(encoding="utf-8") as f:
        excluded = [r["word"] for r in csv.DictReader(line for line in f if not line.startswith("#"))]
    assert excluded and not words & set(excluded)
    assert {r["kind"] for r in rows} == set(gazetteer.KINDS)
    assert not {"Nice", "Reading", "Mobile", "Asia"} & words


@pytest.mark.slow
def test_the_compiled_gazetteer_is_what_build_writes_from_the_installed_packages():
    assert gazetteer.main(["check"]) == 0


def test_every_export_ends_with_the_country_name(tmp_path):
    """records.csv and registry.csv carry country_name after the columns before it; the Portugal text names Portugal,
    not the EU; the zip's data dictionary says what the column is."""
    import io
    import zipfile

    from etl.build import build
    from etl.export import export_bytes
    from etl.filters import Filter
    from tests.conftest import write_docs

    src = write_docs(tmp_path / "docs", {
        "pt.txt": ("Lusa", "2026-03-03", "en",
                   "The EU recovery fund will cover part of the bill. Portugal's government on Tuesday announced "
                   "a €2.4 billion AI gigafactory in Sines, officials in Lisbon said."),
    })
    db_path = tmp_path / "a.duckdb"
    build([src], db_path)
    import duckdb

    con = duckdb.connect(str(db_path), read_only=True)
    try:
        for table in ("records", "registry"):
            rows = list(csv.DictReader(io.StringIO(export_bytes(con, "csv", Filter(), table=table).decode())))
            columns = list(rows[0])
            assert rows and columns.index("country_name") > columns.index("corrected_fields"), table
            assert {(r["country_code"], r["country_name"]) for r in rows} == {("PT", "Portugal")}, table
        with zipfile.ZipFile(io.BytesIO(export_bytes(con, "zip", Filter()))) as z:
            assert "| `country_name` | English short name" in z.read("DATA_DICTIONARY.md").decode()
    finally:
        con.close()
