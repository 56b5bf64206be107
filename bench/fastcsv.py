"""A prototype of a faster CSV export, measured against etl.export.to_csv_bytes (which it must equal byte for byte).

Not used by aitrack: etl/ is not ours to edit. It shows what the proposal in
RESULTS.md buys. etl.export._prepare formats every cell with a Python call
(`Series.map(_fmt_number)`, `map(_text_cell)`): about 8 million calls for
222,000 rows × 36 columns. Here whole columns are formatted at once, and only
the cells that need Python's own rules (non-integer floats: `repr`, text
cells a spreadsheet would run: `neutralise`, odd objects) go through a Python
call. The rows are then written with the csv module instead of
DataFrame.to_csv, whose per-cell conversion of string columns costs as much
again.
"""

from __future__ import annotations

import csv
import io

import numpy as np
import pandas as pd

from etl.export import _DANGEROUS, _fmt_number, _text_cell


def _float_column(s: pd.Series) -> list[str]:
    v = s.to_numpy(dtype="float64", na_value=np.nan)
    out = np.full(len(v), "", dtype=object)
    ok = ~np.isnan(v)
    whole = ok & (np.abs(v) < 1e16) & (np.floor(v) == v)
    out[whole] = v[whole].astype(np.int64).astype(str)
    rest = ok & ~whole
    out[rest] = [repr(float(x)) for x in v[rest]]  # Python's shortest round-trip text, as _fmt_number
    return out.tolist()


def _column(s: pd.Series) -> list[str]:
    if pd.api.types.is_bool_dtype(s) and not s.isna().any():
        return np.where(s.to_numpy(dtype=bool), "true", "false").tolist()
    if pd.api.types.is_float_dtype(s):
        return _float_column(s)
    if pd.api.types.is_integer_dtype(s) and not s.isna().any():
        return s.to_numpy().astype(str).tolist()
    if pd.api.types.is_datetime64_any_dtype(s):
        return s.dt.strftime("%Y-%m-%d").fillna("").tolist()
    if pd.api.types.is_string_dtype(s):
        vals = s.to_numpy(dtype=object, na_value=None)
        out = []
        for x in vals:  # plain loop: one startswith per cell, far cheaper than a map through _text_cell
            if x is None:
                out.append("")
            elif type(x) is str:
                out.append("'" + x if x.startswith(_DANGEROUS) else x)
            else:
                out.append(_text_cell(x))
        return out
    return [_text_cell(x) if not isinstance(x, (int, float)) or isinstance(x, bool) else _fmt_number(x)
            for x in s.astype(object)]


def to_csv_bytes(df: pd.DataFrame) -> bytes:
    cols = [_column(df[c]) for c in df.columns]
    buf = io.StringIO()
    w = csv.writer(buf, lineterminator="\n")  # QUOTE_MINIMAL, '"' doubled: what DataFrame.to_csv writes
    w.writerow(df.columns)
    w.writerows(zip(*cols))
    return buf.getvalue().encode("utf-8")
