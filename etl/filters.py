"""What a person filters the records by: one `Filter` for `aitrack export`, the export
files and every dashboard page.

The CLI builds it from its flags (`add_arguments` defines them once, `from_cli` reads
them), the dashboard from its widgets (dashboard/filters.py), and both hand the same
object to `etl.export` and the named queries (`params()`), so a download and the CLI
give the same bytes. `cli_flags()` goes the other way, so a person can reproduce what
the dashboard shows. A country may be a bloc (`EU-bloc`): it stays one value here, so
the flags stay short, and `country_codes()` expands it from data/reference/blocs.csv.

Invalid filters fail here, with one line saying what is wrong (unknown status, bad
date, a from-date after the to-date, a country the data cannot know, with the nearest
one: `unknown_country`), rather than as an empty result.

May import: the standard library, pydantic, etl.paths, etl.reference, etl.errors.
Not etl.models: the CLI imports this module to build its parser, and the models'
import cost would be paid by every command (the literals below are kept equal to
etl.models by a test).
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import shlex
from collections.abc import Callable, Collection, Iterable, Mapping, Sequence
from typing import Annotated

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, ValidationError, field_validator, model_validator

from etl import reference
from etl.errors import UsageError

# etl.models.CheckStatus plus "none" (an amount nothing checked), and etl.models.Funding.
STATUSES = ("pass", "warn", "fail", "unverifiable", "info", "none")
FUNDINGS = ("public", "private", "mixed", "unknown")
BLOC_SUFFIX = "-bloc"
# The URL query parameter of each field: the `aitrack export` flag names, so a shared link and a
# command line read alike (?country=RU&country=EU-bloc&from=2025-01-01&headline=1).
QUERY_KEYS = {"countries": "country", "currencies": "currency", "kinds": "kind", "statuses": "status",
              "date_from": "from", "date_to": "to", "headline_only": "headline", "fundings": "funding"}
_TRUE, _FALSE = ("1", "true", "yes", "on"), ("0", "false", "no", "off", "")


def bloc_names() -> tuple[str, ...]:
    """The country values that name a bloc, as the CLI spells them (EU-bloc, ...)."""
    return tuple(f"{b}{BLOC_SUFFIX}" for b in reference.blocs())


def _iso_date(v: object) -> dt.date | None:
    if v is None or v == "":
        return None
    if isinstance(v, dt.datetime):
        return v.date()
    if isinstance(v, dt.date):
        return v
    if isinstance(v, str):
        try:
            return dt.date.fromisoformat(v.strip())
        except ValueError:
            pass
    raise ValueError(f"not an ISO date (YYYY-MM-DD): {v!r}")


def _texts(v: object) -> tuple[str, ...]:
    if v is None:
        return ()
    if isinstance(v, str):
        return (v,)
    try:
        return tuple(v)
    except TypeError:
        raise ValueError(f"want a list of codes, not {v!r}") from None


Texts = Annotated[tuple[str, ...], BeforeValidator(_texts)]
Day = Annotated[dt.date | None, BeforeValidator(_iso_date)]


class Filter(BaseModel):
    """Which announced amounts to show or export. Empty means "all" for every field."""

    model_config = ConfigDict(frozen=True, extra="forbid")

    countries: Texts = Field(default=(), description="ISO 3166 codes (upper case), or a bloc such as EU-bloc.")
    currencies: Texts = Field(default=(), description="ISO 4217 codes of the currency as announced (upper case).")
    kinds: Texts = Field(default=(), description="Commitment kinds (fund, data_centres, ..., unspecified).")
    statuses: Texts = Field(default=(), description="Worst figure check: " + ", ".join(STATUSES) + ".")
    date_from: Day = Field(default=None, description="Announced on or after; any date bound drops undated amounts.")
    date_to: Day = Field(default=None, description="Announced on or before.")
    headline_only: bool = Field(default=False, description="Only each document's headline amount.")
    fundings: Texts = Field(default=(), description="Who puts up the money: " + ", ".join(FUNDINGS) + ".")

    @field_validator("countries", mode="after")
    @classmethod
    def _country_codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        known = {b.casefold(): b for b in bloc_names()}
        out = []
        for c in v:
            c = c.strip()
            if not c:
                raise ValueError("an empty country code")
            if c.casefold().endswith(BLOC_SUFFIX):
                if c.casefold() not in known:
                    raise ValueError(f"unknown bloc {c!r}; blocs: {', '.join(known.values()) or 'none'} "
                                     "(data/reference/blocs.csv)")
                c = known[c.casefold()]
            else:
                c = c.upper()
            out.append(c)
        return tuple(out)

    @field_validator("currencies", mode="after")
    @classmethod
    def _currency_codes(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        if any(not c.strip() for c in v):
            raise ValueError("an empty currency code")
        return tuple(c.strip().upper() for c in v)

    @field_validator("statuses", mode="after")
    @classmethod
    def _known_statuses(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _choose(v, STATUSES, "check status")

    @field_validator("fundings", mode="after")
    @classmethod
    def _known_fundings(cls, v: tuple[str, ...]) -> tuple[str, ...]:
        return _choose(v, FUNDINGS, "funding")

    @model_validator(mode="after")
    def _dates_in_order(self) -> Filter:
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise ValueError(f"the from-date {self.date_from} is after the to-date {self.date_to}")
        return self

    # ------------------------------------------------------------ the command line

    @staticmethod
    def add_arguments(p: argparse.ArgumentParser) -> None:
        """The filter flags of `aitrack export`, defined once."""
        blocs = ", ".join(bloc_names())
        p.add_argument("--country", action="append", default=[], metavar="CODE",
                       help=f"ISO 3166-1 alpha-2 code (RU, not Russia), or a bloc ({blocs}: the bloc itself and its "
                            "members); repeatable")
        p.add_argument("--currency", action="append", default=[], metavar="CODE", help="ISO 4217 code; repeatable")
        p.add_argument("--kind", action="append", default=[], help="commitment kind (fund, data_centres, ...); repeatable")
        p.add_argument("--status", action="append", default=[], choices=STATUSES,
                       help="check status; repeatable")
        p.add_argument("--from", dest="date_from", type=_cli_date, help="announced on or after (YYYY-MM-DD)")
        p.add_argument("--to", dest="date_to", type=_cli_date, help="announced on or before (YYYY-MM-DD)")
        p.add_argument("--headline-only", action="store_true", help="only each document's headline amount")
        p.add_argument("--funding", action="append", default=[], choices=FUNDINGS,
                       help="who puts up the money, as the amount's sentence says; repeatable")

    @classmethod
    def from_cli(cls, a: argparse.Namespace, database_codes: Callable[[], Iterable[str]] = tuple) -> Filter:
        """From the flags `add_arguments` defined; an invalid filter is a UsageError (one line).

        A country must be one the filter can know (`unknown_country`); `database_codes` adds
        the codes of the database about to be read, asked only when a code is otherwise unknown.
        """
        f = cls.checked(countries=a.country, currencies=a.currency, kinds=a.kind, statuses=a.status,
                        date_from=a.date_from, date_to=a.date_to, headline_only=a.headline_only,
                        fundings=a.funding)
        extra: tuple[str, ...] | None = None
        for raw in a.country:
            why = unknown_country(raw)
            if why and extra is None:
                extra = tuple(database_codes())
            if why and unknown_country(raw, extra or ()):
                raise UsageError(f"invalid filter: countries: {why}")
        return f

    @classmethod
    def checked(cls, **fields) -> Filter:
        """Filter(**fields), with a validation failure as one UsageError line per problem."""
        try:
            return cls(**fields)
        except ValidationError as e:
            raise UsageError("invalid filter: " + problems(e)) from None

    def cli_flags(self) -> str:
        """The same filter as `aitrack export` flags, so a person can reproduce a download."""
        q = shlex.quote
        parts = [f"--country {q(c)}" for c in self.countries]
        parts += [f"--currency {q(c)}" for c in self.currencies]
        parts += [f"--kind {q(k)}" for k in self.kinds]
        parts += [f"--status {q(s)}" for s in self.statuses]
        if self.date_from:
            parts.append(f"--from {self.date_from.isoformat()}")
        if self.date_to:
            parts.append(f"--to {self.date_to.isoformat()}")
        if self.headline_only:
            parts.append("--headline-only")
        parts += [f"--funding {q(f)}" for f in self.fundings]
        return " ".join(parts)

    # ------------------------------------------------------------ the address bar

    def to_query(self) -> dict[str, list[str]]:
        """The filter as URL query parameters (QUERY_KEYS; a list per parameter, repeated in the URL),
        empty fields left out: `Filter.from_query(f.to_query())` gives `f` back."""
        q: dict[str, list[str]] = {}
        for name, key in QUERY_KEYS.items():
            v = getattr(self, name)
            if isinstance(v, dt.date):
                q[key] = [v.isoformat()]
            elif v is True:
                q[key] = ["1"]
            elif isinstance(v, tuple) and v:
                q[key] = list(v)
        return q

    @classmethod
    def from_query(cls, query: Mapping[str, str | Sequence[str]],
                   allowed: Mapping[str, Collection[str]] | None = None) -> tuple[Filter, list[str]]:
        """The Filter a URL's query parameters name, and one line per value it dropped. Never raises.

        Each value is checked on its own, as the model checks it (an unknown status, a bad date, a
        bloc blocs.csv does not list); a country must also be one the filter can know
        (`unknown_country`), and a value of a field named in `allowed` must be one of those (the
        choices a page offers). A from-date after the to-date drops both. Parameters that are not
        QUERY_KEYS are not read here (a page's own choices).
        """
        fields: dict[str, object] = {}
        dropped: list[str] = []
        for name, key in QUERY_KEYS.items():
            raw = query.get(key)
            values = [raw] if isinstance(raw, str) else list(raw or ())
            if not values:
                continue
            if name == "headline_only":
                v = values[-1].strip().casefold()
                if v in _TRUE or v in _FALSE:
                    fields[name] = v in _TRUE
                else:
                    dropped.append(f"{key}={values[-1]!r}: not yes or no (1 or 0)")
                continue
            kept: list = []
            for value in values:
                try:
                    one = getattr(cls(**{name: value if name.startswith("date_") else [value]}), name)
                except ValidationError as e:
                    dropped.append(f"{key}={value!r}: {problems(e).split(': ', 1)[-1]}")
                    continue
                canonical = one[0] if isinstance(one, tuple) else one
                why = unknown_country(value) if name == "countries" and not allowed else None
                if why is None and allowed is not None and name in allowed and canonical not in allowed[name]:
                    why = "not a choice in this database"
                if why:
                    dropped.append(f"{key}={value!r}: {why}")
                elif canonical not in kept:
                    kept.append(canonical)
            if name.startswith("date_"):
                if kept:
                    fields[name] = kept[-1]
            elif kept:
                fields[name] = kept
        lo, hi = fields.get("date_from"), fields.get("date_to")
        if lo and hi and lo > hi:
            dropped.append(f"from={lo.isoformat()} and to={hi.isoformat()}: the from-date is after the to-date")
            del fields["date_from"], fields["date_to"]
        return cls(**fields), dropped

    # ------------------------------------------------------------ the queries

    def country_codes(self) -> tuple[str, ...]:
        """The countries with each bloc replaced by its codes (blocs.csv order), each code once."""
        members = reference.blocs()
        out: list[str] = []
        for c in self.countries:
            for code in (members[c[: -len(BLOC_SUFFIX)]] if c.endswith(BLOC_SUFFIX) else (c,)):
                if code not in out:
                    out.append(code)
        return tuple(out)

    def params(self) -> dict:
        """The bound parameters of the filtered queries ($countries, ...): lists, ISO dates, a bool.
        Also the "filters" of an export's manifest, so keep the key order."""
        return {
            "countries": list(self.country_codes()),
            "currencies": list(self.currencies),
            "kinds": list(self.kinds),
            "statuses": list(self.statuses),
            "date_from": self.date_from.isoformat() if self.date_from else None,
            "date_to": self.date_to.isoformat() if self.date_to else None,
            "headline_only": self.headline_only,
            "fundings": list(self.fundings),
        }

    # ------------------------------------------------------------ people

    def is_empty(self) -> bool:
        return self == Filter()

    def describe(self) -> list[str]:
        """One line per active filter, in words."""
        lines = []
        if self.countries:
            lines.append("countries: " + ", ".join(map(_country_words, self.countries)))
        if self.currencies:
            lines.append("currencies: " + ", ".join(self.currencies))
        if self.kinds:
            lines.append("commitment kinds: " + ", ".join(self.kinds))
        if self.statuses:
            lines.append("check status: " + ", ".join(self.statuses))
        if self.date_from or self.date_to:
            lines.append(f"announced {self.date_from or '…'} to {self.date_to or '…'} (undated amounts excluded)")
        if self.headline_only:
            lines.append("headline amount of each document only")
        if self.fundings:
            lines.append("funding (as the sentence says): " + ", ".join(self.fundings))
        return lines or ["no filter: every announced amount"]


def _country_words(c: str) -> str:
    if not c.endswith(BLOC_SUFFIX):
        return c
    bloc = c[: -len(BLOC_SUFFIX)]
    codes = reference.blocs()[bloc]
    members = [x for x in codes if x != bloc]
    itself = f"{bloc} itself and " if bloc in codes else ""  # a bloc that acts in its own name has a row
    return f"{c} ({itself}its {len(members)} members)"


def unknown_country(value: str, also: Iterable[str] = ()) -> str | None:
    """Why `value` is not a country a filter can name, with the nearest one; None if it is one.

    Known: the ISO 3166-1 alpha-2 codes of the gazetteer (etl/extract/lexicon/countries.csv,
    which is where the database's country codes come from), the members of
    data/reference/blocs.csv, the blocs themselves (EU-bloc, checked by the model) and `also`
    (the codes of the database read). A name is refused even when it means exactly one code
    ("Russia": did you mean RU (Russia)?): a command line then means the same thing whatever
    row is added to the gazetteer later, and the suggestion shows the code to type.
    """
    v = value.strip()
    if v.casefold().endswith(BLOC_SUFFIX):
        return None
    forms = reference.country_forms()
    codes = {code for _, code, _ in forms} | {c.strip().upper() for c in also}
    if len(v) == 2 and v.upper() in codes:
        return None
    names = {code: name for _, code, name in forms}
    by_form: dict[str, str] = {}
    for form, code, name in forms:
        for key in (form, name, code):
            by_form.setdefault(key.casefold(), code)
    near = difflib.get_close_matches(v.casefold(), list(by_form), n=1, cutoff=0.75)
    if near:
        code = by_form[near[0]]
        return f"unknown country {value!r}; did you mean {code} ({names[code]})?"
    return (f"unknown country {value!r}; use an ISO 3166-1 alpha-2 code the data knows ("
            f"{', '.join(sorted(codes))}) or a bloc ({', '.join(bloc_names()) or 'none'})")


def _choose(v: tuple[str, ...], allowed: tuple[str, ...], what: str) -> tuple[str, ...]:
    for x in v:
        if x not in allowed:
            raise ValueError(f"unknown {what} {x!r}; choose from {', '.join(allowed)}")
    return v


def problems(e: ValidationError) -> str:
    """A Filter's validation errors as one line: '<field>: <our message>; ...' (no 'Value error, ')."""
    out = []
    for err in e.errors():
        where = ".".join(str(x) for x in err.get("loc", ()) if not isinstance(x, int))
        msg = str(err.get("ctx", {}).get("error") or err.get("msg"))
        out.append(f"{where}: {msg}" if where else msg)
    return "; ".join(out)


def _cli_date(s: str) -> dt.date:
    try:
        return dt.date.fromisoformat(s)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an ISO date (YYYY-MM-DD): {s!r}") from None
