"""The validated records: one pydantic model per table.

These models are the contract between the extractors, the database and every
export. Their field descriptions *are* the data dictionary shipped with each
download, and a test checks that each model's fields are exactly its table's
columns, in order. Money is kept as announced (value, currency, qualifier);
converted values always carry their rate, the rate's date and its source.

May import: pydantic, the standard library, etl.__init__.
"""

from __future__ import annotations

import datetime as dt
import hashlib
import math
from typing import ClassVar, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from etl import __version__

EXTRACTOR_VERSION = f"aitrack-{__version__}"

Qualifier = Literal["exact", "about", "over", "at_least", "under", "up_to", "nearly", "range"]
CheckStatus = Literal["pass", "warn", "fail", "unverifiable", "info"]
ActorKind = Literal["country", "person", "organisation", "programme"]
Funding = Literal["public", "private", "mixed", "unknown"]


def make_id(*parts: object) -> str:
    """A deterministic 16-hex id from the parts, so rebuilding gives identical tables."""
    h = hashlib.sha256("\x1f".join("" if p is None else str(p) for p in parts).encode("utf-8"))
    return h.hexdigest()[:16]


def document_id_for(text: str) -> str:
    """Content-derived: the same text, whatever its whitespace, from any path is one document."""
    return make_id("doc", " ".join(text.split()))


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=False)
    table: ClassVar[str] = ""
    # The extractor's span class this table stores (etl.extract.spans), and where a span
    # field's name is not the column's: the one place such names differ, so a fact keeps
    # one name from the extractor to the export (a test checks every span field lands).
    span: ClassVar[str] = ""
    span_names: ClassVar[dict[str, str]] = {}

    @classmethod
    def from_span(cls, span, **fields):
        """The record of one extractor span: its fields under this table's names, then
        `fields` (ids, document facts), which win where both give one."""
        names, known = cls.span_names, cls.model_fields
        mapped = {names.get(k, k): getattr(span, k) for k in span.__slots__}
        return cls(**{k: v for k, v in mapped.items() if k in known and k not in fields}, **fields)


class Evidence(Record):
    """Fields every fact row carries: where exactly the text says so."""

    span_names: ClassVar[dict[str, str]] = {"text": "quote"}

    document_id: str = Field(description="Id of the document the fact comes from (documents.document_id).")
    quote: str = Field(description="The exact text the fact was read from: documents.text[start:end].")
    start: int = Field(ge=0, description="Character offset where the quote starts in documents.text (0-based).")
    end: int = Field(ge=0, description="Character offset just after the quote ends in documents.text.")
    extractor_version: str = Field(
        default=EXTRACTOR_VERSION, description="Version of the extractor that produced the row."
    )

    @model_validator(mode="after")
    def _span_matches_quote(self) -> Evidence:
        if self.end < self.start:
            raise ValueError(f"end {self.end} before start {self.start}")
        if self.end - self.start != len(self.quote):
            raise ValueError(f"quote length {len(self.quote)} does not match span {self.start}-{self.end}")
        return self


def _finite(value: float | None, name: str) -> None:
    if value is not None and (not math.isfinite(value) or value < 0):
        raise ValueError(f"{name} must be finite and non-negative, got {value}")


class Document(Record):
    table: ClassVar[str] = "documents"
    document_id: str = Field(description="Content-derived id: the same text from two paths is one document.")
    title: str | None = Field(default=None, description="Headline, from metadata or the first line.")
    url: str | None = Field(default=None, description="Source URL as given in the document's metadata.")
    publisher: str | None = Field(default=None, description="Publisher as given in the metadata.")
    published_on: dt.date | None = Field(default=None, description="Publication date (ISO); empty when undated.")
    published_from: Literal["metadata", "text"] | None = Field(
        default=None, description="Where the publication date came from: metadata or the text itself."
    )
    undated: bool = Field(description="True when no publication date could be found; relative dates stay unresolved.")
    language: str = Field(description="ISO 639-1 code of the document's language (detected unless given).")
    country_code: str | None = Field(
        default=None, description="ISO 3166-1 alpha-2 of the country the announcement is mainly about (EU for the Union)."
    )
    fact_ref: str | None = Field(default=None, description="Fact-sheet id named in the metadata (demo corpus), if any.")
    text: str = Field(description="The announcement text that all offsets index.")
    n_chars: int = Field(ge=0, description="Length of text in characters.")
    extractor_version: str = Field(default=EXTRACTOR_VERSION, description="Version of the extractor.")


class Origin(Record):
    table: ClassVar[str] = "origins"
    document_id: str = Field(description="The document this origin delivered.")
    origin: str = Field(description="Where the document came from: a file path, with ':line' for JSONL.")
    file_sha256: str = Field(description="SHA-256 of the whole source file's bytes.")
    format: str = Field(description="Input format: txt, md, html, json, jsonl.")


class Amount(Evidence):
    table: ClassVar[str] = "amounts"
    span: ClassVar[str] = "AmountSpan"
    amount_id: str = Field(description="Deterministic id of the amount.")
    value: float | None = Field(
        description="The amount as stated, in full units of currency (11 trillion = 11000000000000). "
        "For 'up to' the cap; for a range its lower bound. Empty only when no single number is stated."
    )
    value_min: float | None = Field(default=None, description="Lower bound where the text gives one.")
    value_max: float | None = Field(default=None, description="Upper bound where the text gives one.")
    currency: str | None = Field(description="ISO 4217 code; empty when the text does not say which currency.")
    currency_raw: str | None = Field(default=None, description="The currency as written: '$', 'roubles', 'руб.'.")
    currency_inferred: bool = Field(default=False, description=(
        "True when a shared name ('$', 'dollars', 'pesos', 'Rs') was resolved from context: the member the text "
        "named before, the publisher's dollar, or the one currency of that name the announcing country uses "
        "(CLDR); the currency_inferred check says which."))
    qualifier: Qualifier = Field(description="exact, about, over, at_least, under, up_to, nearly or range.")
    scale: str | None = Field(default=None, description="Scale word as written: 'billion', 'млрд'.")
    bracketed: bool = Field(default=False, description="True for a bracketed equivalent of the amount before it.")
    is_headline: bool = Field(
        default=False,
        description="True for the document's headline commitment: its first non-bracketed amount of money "
        "committed (GDP or market forecasts are targets, not commitments, and never headline).",
    )
    country_code: str | None = Field(default=None, description="Country of the document (documents.country_code).")
    published_on: dt.date | None = Field(default=None, description="Publication date of the document.")
    value_usd: float | None = Field(default=None, description="value in US dollars at the reference rate; empty when no rate.")
    value_eur: float | None = Field(default=None, description="value in euros at the reference rate; empty when no rate.")
    usd_rate: float | None = Field(default=None, description="Units of currency per 1 USD used for value_usd.")
    eur_rate: float | None = Field(default=None, description="Units of currency per 1 EUR used for value_eur.")
    rate_on: dt.date | None = Field(default=None, description="Date of the reference rate used (last on or before published_on).")
    rate_source: str | None = Field(default=None, description="Source of the reference rate (ECB, Bank of Russia, peg, user file).")
    fx_status: Literal["converted", "no_rate", "no_currency", "no_date", "no_value"] = Field(
        default="no_rate", description="Why value_usd is or is not filled."
    )
    fx_note: str | None = Field(default=None, description="Explanation when no conversion was made.")
    funding: Funding = Field(
        default="unknown",
        description="Who puts up the money, as the amount's own sentence says: public (a budget, ministry, "
        "state lender, sovereign fund), private (private investors, a company investing), mixed (a "
        "public-private partnership, or cues of both for this amount), or unknown when the sentence does not "
        "say. Judged per amount: in '€900m from the state budget and €1.5bn from private investors' the first "
        "is public and the second private (each cue belongs to the nearest amount in its clause).",
    )
    funding_quote: str | None = Field(
        default=None, description="The words funding was judged on (documents.text[funding_start:funding_end]): "
        "the amount's cue, or the span from its first cue to its last; empty when funding is unknown.")
    funding_start: int | None = Field(default=None, ge=0, description="Character offset where funding_quote starts.")
    funding_end: int | None = Field(default=None, ge=0, description="Character offset just after funding_quote ends.")

    @model_validator(mode="after")
    def _values(self) -> Amount:
        for name in ("value", "value_min", "value_max", "value_usd", "value_eur"):
            _finite(getattr(self, name), name)
        if self.value_min is not None and self.value_max is not None and self.value_min > self.value_max:
            raise ValueError("value_min greater than value_max")
        if self.value_usd is not None and (self.usd_rate is None or self.rate_on is None or not self.rate_source):
            raise ValueError("a converted value needs its rate, rate date and source")
        return self


class Rate(Evidence):
    table: ClassVar[str] = "rates"
    span: ClassVar[str] = "RateSpan"
    span_names: ClassVar[dict[str, str]] = {"text": "quote", "base": "base_currency", "quote": "quote_currency"}
    rate_id: str = Field(description="Deterministic id of the stated rate.")
    base_currency: str = Field(description="ISO 4217 code of the base: 1 base = rate quote.")
    quote_currency: str = Field(description="ISO 4217 code of the quote currency.")
    rate: float = Field(gt=0, description="Units of quote_currency per 1 base_currency, as stated.")


class Conversion(Evidence):
    table: ClassVar[str] = "conversions"
    span: ClassVar[str] = "ConversionSpan"
    conversion_id: str = Field(description="Deterministic id of the conversion.")
    from_amount_id: str = Field(description="The amount as announced (amounts.amount_id).")
    to_amount_id: str = Field(description="Its bracketed equivalent (amounts.amount_id).")
    from_value: float = Field(ge=0, description="Value of the announced amount.")
    from_currency: str | None = Field(description="Currency of the announced amount.")
    to_value: float = Field(ge=0, description="Value of the bracketed equivalent.")
    to_currency: str | None = Field(description="Currency of the bracketed equivalent.")
    implied_rate: float | None = Field(
        description="from_value / to_value: units of from_currency per 1 to_currency, as the text implies."
    )


class DateMention(Evidence):
    table: ClassVar[str] = "dates"
    span: ClassVar[str] = "DateSpan"
    date_id: str = Field(description="Deterministic id of the date mention.")
    value: str = Field(description="ISO date, month, year or range ('2025-11-19', '2025-11', '2030', 'a/b').")
    grain: str = Field(description="day, month, quarter, year or range.")
    relative: bool = Field(description="True when resolved against the publication date ('on Wednesday').")
    resolved: bool = Field(description="False for a relative date in an undated document (value empty).")


class Deadline(Evidence):
    table: ClassVar[str] = "deadlines"
    span: ClassVar[str] = "DeadlineSpan"
    span_names: ClassVar[dict[str, str]] = {"text": "quote", "date": "deadline_on", "binds_text": "binds_quote"}
    deadline_id: str = Field(description="Deterministic id of the deadline.")
    year: int | None = Field(description="Year by which the commitment is due.")
    deadline_on: dt.date | None = Field(default=None, description="Last day of the deadline where known.")
    precision: str = Field(description="year, fiscal_year, month or day.")
    relation: str = Field(description="by, until, within or range_end.")
    country_code: str | None = Field(default=None, description="Country of the document.")
    binds: Literal["target", "amount", "commitment"] | None = Field(
        default=None, description="What is due by the deadline: the target of its sentence (that gives this year), "
        "else the nearest amount of money committed in its sentence ('€2.4bn by the end of 2027'), else the "
        "commitment its sentence names; empty when its sentence names none.")
    binds_quote: str | None = Field(default=None, description="That target's value, the amount or the commitment, "
                                    "as written.")
    amount_id: str | None = Field(default=None, description="The amount due (amounts.amount_id): the bound amount, "
                                  "or the amount a bound target rests on.")
    target_id: str | None = Field(default=None, description="The bound target (targets.target_id).")
    commitment_id: str | None = Field(default=None, description="The bound commitment (commitments.commitment_id).")


class Percentage(Evidence):
    table: ClassVar[str] = "percentages"
    span: ClassVar[str] = "PercentSpan"
    percentage_id: str = Field(description="Deterministic id of the percentage.")
    value: float = Field(description="Percentage points: 5 for '5%'.")


class Target(Evidence):
    table: ClassVar[str] = "targets"
    span: ClassVar[str] = "TargetSpan"
    span_names: ClassVar[dict[str, str]] = {}  # its evidence is the sentence, not a span of its own
    target_id: str = Field(description="Deterministic id of the target.")
    metric: str = Field(description="What is targeted, e.g. 'AI contribution to GDP'.")
    comparator: Qualifier = Field(description="How the value bounds the target: over, at_least, exact, ...")
    value: float | None = Field(description="Target value in `unit`: full units of currency for money, else "
                                "people, GPUs, PFLOPS, MW, % of GDP or a rank (3 for 'top 3'); empty for a rank "
                                "without a number ('among the leaders').")
    currency: str | None = Field(description="ISO 4217 code of the target value; empty for a target that is not money.")
    year: int | None = Field(description="Year by which the target is to be met.")
    amount_id: str | None = Field(default=None, description="The amount the target rests on (amounts.amount_id); "
                                  "empty for a target that is not money.")
    country_code: str | None = Field(default=None, description="Country of the document.")
    unit: str | None = Field(default=None, description="Unit of value: the currency code for money; people, GPUs, "
                             "PFLOPS, MW, '% of GDP' or rank for the targets beyond money (1 GW is 1000 MW).")
    value_quote: str | None = Field(default=None, description="The words the value was read from "
                                    "(documents.text[value_start:value_end]): the amount, '1 GW', 'top 3'.")
    value_start: int | None = Field(default=None, ge=0, description="Character offset where value_quote starts.")
    value_end: int | None = Field(default=None, ge=0, description="Character offset just after value_quote ends.")


class Actor(Evidence):
    table: ClassVar[str] = "actors"
    span: ClassVar[str] = "ActorSpan"
    actor_id: str = Field(description="Deterministic id of the actor mention.")
    kind: ActorKind = Field(description="country, person, organisation or programme.")
    code: str | None = Field(default=None, description="ISO 3166-1 alpha-2 for countries (EU for the Union).")
    name: str = Field(description="Canonical name: 'Russia' for 'Russian' or 'России'.")


class Commitment(Evidence):
    table: ClassVar[str] = "commitments"
    span: ClassVar[str] = "CommitmentSpan"
    span_names: ClassVar[dict[str, str]] = {}  # its evidence is the sentence, not a span of its own
    commitment_id: str = Field(description="Deterministic id of the commitment.")
    kind: str = Field(description="task_force, data_centres, energy, plan, fund, strategy, investment, law, ...")
    description: str = Field(description="The commitment as the text names it.")
    sentence: str = Field(description="The whole sentence the commitment stands in.")
    country_code: str | None = Field(default=None, description="Country of the document.")
    amount_id: str | None = Field(default=None, description="An amount in the same sentence, if any.")


class Check(Record):
    table: ClassVar[str] = "checks"
    span: ClassVar[str] = "CheckResult"
    check_id: str = Field(description="Deterministic id of the check.")
    document_id: str | None = Field(description="Document checked (the first of two for cross-document checks).")
    check: str = Field(description="Which check: stated_rate_rounding, reference_rate, scale_slip, ...")
    status: CheckStatus = Field(description="pass, warn, fail, unverifiable or info.")
    detail: str = Field(description="The arithmetic in words and numbers, with the evidence used.")
    subject: str = Field(default="", description="What was checked, as quoted.")
    start: int | None = Field(default=None, description="Offset of the checked text in documents.text.")
    end: int | None = Field(default=None, description="End offset of the checked text.")
    implied_rate: float | None = Field(default=None, description="Rate implied by the printed figures.")
    reference_rate: float | None = Field(default=None, description="Reference or stated rate compared against.")
    difference_pct: float | None = Field(default=None, description="Relative difference in percent.")
    rate_source: str | None = Field(default=None, description="Source of the reference rate.")
    rate_on: str | None = Field(default=None, description="Date of the reference rate.")
    extractor_version: str = Field(default=EXTRACTOR_VERSION, description="Version of the extractor.")


class Reject(Record):
    table: ClassVar[str] = "rejects"
    reject_id: str = Field(description="Deterministic id of the reject.")
    origin: str = Field(description="File path (with ':line' for JSONL) that could not be loaded.")
    stage: str = Field(description="ingest, extract or validate.")
    reason: str = Field(description="Why it was rejected, in one line.")
    file_sha256: str | None = Field(default=None, description="SHA-256 of the file's bytes, when readable.")
    extractor_version: str = Field(default=EXTRACTOR_VERSION, description="Version of the extractor.")


TABLE_MODELS: tuple[type[Record], ...] = (
    Document,
    Origin,
    Amount,
    Rate,
    Conversion,
    DateMention,
    Deadline,
    Percentage,
    Target,
    Actor,
    Commitment,
    Check,
    Reject,
)


class RegistryEntry(Record):
    """One commitment, however many documents retell it (etl/registry.py links them)."""

    table: ClassVar[str] = "registry"
    entry_id: str = Field(description="Stable id: a hash of the entry's earliest record (document id, quote, offsets).")
    country_code: str = Field(description="ISO 3166 code (or bloc) of the committing country.")
    kind: str | None = Field(description="Commitment kind (fund, compute, plan, ...) or 'target: <metric>'.")
    quote: str = Field(description="The figure as printed by the source the entry's value comes from; for an entry "
                             "without a figure, the commitment or target as printed.")
    value: float | None = Field(description="The figure as stated by the most authoritative source (never an "
                                            "average); empty for a commitment or target that names no amount.")
    currency: str | None = Field(description="ISO 4217 currency of the stated figure.")
    value_usd: float | None = Field(description="The figure in US dollars, converted at the chosen record's rate.")
    usd_rate: float | None = Field(description="Units of the currency per US dollar used for value_usd.")
    rate_on: dt.date | None = Field(description="Date of the rate used for value_usd.")
    rate_source: str | None = Field(description="Where the rate used for value_usd comes from.")
    deadline_year: int | None = Field(description="Target or deadline year ('by 2030').")
    status: str = Field(description=(
        "Highest rung of the status ladder with evidence in registry_status: announced (rank 1) -> in_plan "
        "(in a strategy or plan document, 2) -> in_law (in law or a budget, 3) -> funded (allocated, disbursed, "
        "spent, 4) -> achieved or missed (at its deadline, 5). Read from cues in the sentences of the entry's own "
        "records (data/reference/status_cues.csv); a future or negated cue does not count, and missed needs a "
        "deadline before the year of the source that says so."))
    status_on: dt.date | None = Field(description=(
        "As-of date of the status: publication date of the latest source with evidence for that rung."))
    latest: bool = Field(description="False when a later re-announcement supersedes this entry.")
    supersedes: str | None = Field(description="entry_id of the earlier announcement this one re-states with a new figure or deadline.")
    n_sources: int = Field(description="Number of distinct documents merged into the entry.")
    first_seen: dt.date | None = Field(description="Earliest publication date among its sources.")
    last_seen: dt.date | None = Field(description="Latest publication date among its sources.")
    amount_id: str | None = Field(description="The amount record the figure comes from (amounts.amount_id).")
    target_id: str | None = Field(description="The target the entry shows when it names no amount (targets.target_id).")
    commitment_id: str | None = Field(description="The commitment mention the entry shows when it names no amount "
                                                   "(commitments.commitment_id).")
    document_id: str = Field(description="The document of that record (documents.document_id).")
    authority: str = Field(description="Tier of that document's publisher (publisher_authority.csv): official, wire, news, aggregator.")

    @model_validator(mode="after")
    def _shows_one_record(self) -> RegistryEntry:
        shown = [k for k in ("amount_id", "target_id", "commitment_id") if getattr(self, k) is not None]
        if len(shown) != 1:
            raise ValueError(f"an entry shows exactly one record (amount, target or commitment), got {shown or 'none'}")
        if self.value is None and self.amount_id is not None:
            raise ValueError("an entry showing an amount has its value")
        return self


class RegistryLink(Record):
    """Why a record is part of an entry: one row per merged amount, stated conversion, target or commitment."""

    table: ClassVar[str] = "registry_links"
    link_id: str = Field(description="Deterministic id of the link.")
    entry_id: str = Field(description="The registry entry (registry.entry_id).")
    role: str = Field(description="record (linked by Splink), conversion, target or commitment (named by its amount).")
    amount_id: str | None = Field(description="The linked amount record, for roles record and conversion.")
    target_id: str | None = Field(description="The linked target, for role target, or for role record when it "
                                              "names no amount.")
    commitment_id: str | None = Field(description="The linked commitment mention, for role commitment, or for role "
                                                  "record when it names no amount.")
    document_id: str = Field(description="Document of the linked row.")
    matched_to: str | None = Field(description="The amount it was matched to: its strongest pair in the entry, or the amount it names.")
    match_weight: float | None = Field(description="Splink match weight of that pair (empty for a record alone in its entry).")
    reasons: str = Field(description="JSON: the level each comparison reached for that pair, or why it stands alone.")


class RegistryStatus(Record):
    """Evidence for a rung of an entry's status ladder: one row per rung reached per source."""

    table: ClassVar[str] = "registry_status"
    status_id: str = Field(description="Deterministic id: a hash of the entry, the rung and the document.")
    entry_id: str = Field(description="The registry entry (registry.entry_id).")
    rung: str = Field(description="announced, in_plan, in_law, funded, achieved or missed (see registry.status).")
    rank: int = Field(description="The rung's height: 1 announced, 2 in_plan, 3 in_law, 4 funded, 5 achieved or missed.")
    document_id: str = Field(description="The source that says so (documents.document_id).")
    quote: str = Field(description="The cue as printed (the figure itself for announced): documents.text[start:end].")
    start: int = Field(ge=0, description="Character offset where the quote starts in documents.text (0-based).")
    end: int = Field(ge=0, description="Character offset just after the quote ends in documents.text.")
    published_on: dt.date | None = Field(description="Publication date of that source; empty when undated.")
    cue: str = Field(description="What matched: 'figure' for announced (the record itself), else the line of "
                                 "data/reference/status_cues.csv whose pattern the quote is ('status_cues.csv:17').")
    extractor_version: str = Field(default=EXTRACTOR_VERSION, description="Version of the extractor.")


REGISTRY_MODELS: tuple[type[Record], ...] = (RegistryEntry, RegistryLink, RegistryStatus)
