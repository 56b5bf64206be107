"""The column-wise CSV formatting this prototype measured now lives in etl.export;
kept as an alias so bench/queries.py's --prototype-csv comparison still runs."""

from etl.export import to_csv_bytes  # noqa: F401
