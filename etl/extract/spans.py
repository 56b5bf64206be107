"""Plain span records that the extractors return, before validation.

These are the working types inside `etl.extract`: small slotted dataclasses,
cheap to create by the thousand. `etl.models` turns them into validated pydantic
records at the boundary. Offsets always index the document text as given, so
`text[start:end] == span.text` holds for every span.

May import: the standard library only.
"""

from __future__ import annotations

from dataclasses import dataclass, field, fields

# A field marked with this metadata is kept in the records but not printed in the
# extraction contract (which prints every other field, in declaration order).
NOT_IN_CONTRACT = {"contract": False}

QUALIFIERS = ("exact", "about", "over", "at_least", "under", "up_to", "nearly", "range")


@dataclass(slots=True)
class AmountSpan:
    """A monetary amount as announced.

    `value` is the number as stated (for "up to $5bn" the cap, for a range its
    lower bound); `value_min`/`value_max` bound it where the text does.
    """

    text: str
    start: int
    end: int
    value: float | None
    value_min: float | None = None
    value_max: float | None = None
    currency: str | None = None  # ISO 4217, None when unknown
    qualifier: str = "exact"
    currency_raw: str | None = None  # the currency as written: "$", "roubles", "руб."
    currency_inferred: bool = False  # True when a bare "$" was resolved from context
    scale: str | None = None  # the scale word as written: "billion", "млрд"
    bracketed: bool = False  # stands in brackets right after another amount


@dataclass(slots=True)
class RateSpan:
    """A stated exchange rate: 1 `base` = `rate` `quote`."""

    text: str
    start: int
    end: int
    base: str
    quote: str
    rate: float


@dataclass(slots=True)
class ConversionSpan:
    """Two amounts the text gives as equal: "11 trillion roubles ($136.57 billion)"."""

    # indices into the amounts list; the contract prints those amounts as "from" and "to"
    source: int = field(metadata=NOT_IN_CONTRACT)
    target: int = field(metadata=NOT_IN_CONTRACT)
    # units of the source currency per one unit of the target currency, i.e.
    # source.value / target.value: 11e12 RUB / 136.57e9 USD = 80.5448 RUB per USD
    implied_rate: float
    text: str = ""
    start: int = 0
    end: int = 0


@dataclass(slots=True)
class PercentSpan:
    text: str
    start: int
    end: int
    value: float  # percentage points: 5 for "5%"


@dataclass(slots=True)
class DateSpan:
    """A date or period. `value` is ISO: 2025-11-19, 2025-11, 2030, or a/b ranges
    ("2025-01-01/2025-12-31", "../2029-12-31", "2026-01-01/..")."""

    text: str
    start: int
    end: int
    value: str
    grain: str = "day"  # day, month, quarter, year, range
    relative: bool = False  # resolved against the publication date
    resolved: bool = True  # False when relative and no publication date was known


@dataclass(slots=True)
class DeadlineSpan:
    """A point by which something is to happen: "by 2030", "к 2030 году"."""

    text: str
    start: int
    end: int
    year: int | None
    date: str | None = None  # ISO date of the deadline's last day where known
    precision: str = "year"  # year, fiscal_year, month, day
    relation: str = "by"  # by, until, within, range_end
    binds: str | None = None  # what is due by it: "target", "amount" or "commitment" (etl.extract.targets)
    binds_text: str | None = None  # that target's value as written, the amount, or the commitment's phrase
    bound_index: int | None = field(default=None, metadata=NOT_IN_CONTRACT)  # into targets, amounts or commitments


@dataclass(slots=True)
class TextRef:
    """Evidence: a quoted span of the document."""

    text: str
    start: int
    end: int


@dataclass(slots=True)
class Extraction:
    """Everything the extractors found in one document."""

    amounts: list[AmountSpan] = field(default_factory=list)
    rates: list[RateSpan] = field(default_factory=list)
    conversions: list[ConversionSpan] = field(default_factory=list)
    percentages: list[PercentSpan] = field(default_factory=list)
    dates: list[DateSpan] = field(default_factory=list)
    deadlines: list[DeadlineSpan] = field(default_factory=list)
    # Amount index -> why its currency was inferred, where the announcing country decided it
    # (money.territory); the currency_inferred check quotes it. Not a fact of its own, so no table.
    currency_bases: dict[int, str] = field(default_factory=dict)


@dataclass(slots=True)
class TargetSpan:
    """A quantified goal: "AI's contribution to GDP should exceed 11 trillion roubles by 2030",
    "train 20,000 AI specialists by 2030", "among the top 3 AI nations"."""

    metric: str  # e.g. "AI contribution to GDP", "People trained in AI", "GPUs"
    comparator: str  # one of QUALIFIERS: over, at_least, exact, ... ("up_to" for a rank: "top 3")
    value: float | None  # in `unit`; None for a rank without a number ("among the leaders")
    currency: str | None  # ISO 4217 for a money target, else None
    year: int | None
    evidence: TextRef
    amount_index: int | None = field(default=None, metadata=NOT_IN_CONTRACT)  # index into the amounts list
    unit: str | None = None  # the currency code for money; people, GPUs, PFLOPS, MW, % of GDP or rank
    quantity: TextRef | None = None  # the words the value was read from: the amount, "1 GW", "top 3"


@dataclass(slots=True)
class ActorSpan:
    text: str
    start: int
    end: int
    kind: str  # country, person, organisation, programme
    code: str | None = None  # ISO 3166-1 alpha-2 for countries (EU for the Union)
    name: str = ""  # canonical name: "Russia" for "Russian", "России"


@dataclass(slots=True)
class CommitmentSpan:
    kind: str  # task_force, data_centres, energy, plan, fund, strategy, ...
    description: str
    evidence: TextRef


@dataclass(slots=True)
class CheckResult:
    """One figure check. `detail` states the arithmetic in words and numbers."""

    check: str  # stated_rate_rounding, reference_rate, scale_slip, stated_vs_reference, ...
    status: str  # pass, warn, fail, unverifiable, info
    detail: str
    subject: str = ""  # what was checked, e.g. "11 trillion roubles ($136.57 billion)"
    # the arithmetic's parts, in the checks table (the contract's `detail` states them)
    start: int | None = field(default=None, metadata=NOT_IN_CONTRACT)
    end: int | None = field(default=None, metadata=NOT_IN_CONTRACT)
    implied_rate: float | None = field(default=None, metadata=NOT_IN_CONTRACT)
    reference_rate: float | None = field(default=None, metadata=NOT_IN_CONTRACT)
    difference_pct: float | None = field(default=None, metadata=NOT_IN_CONTRACT)
    rate_source: str | None = field(default=None, metadata=NOT_IN_CONTRACT)
    rate_on: str | None = field(default=None, metadata=NOT_IN_CONTRACT)


def contract_fields(cls) -> tuple[str, ...]:
    """The fields of a span class that the extraction contract prints, in order."""
    return tuple(f.name for f in fields(cls) if f.metadata.get("contract", True))
