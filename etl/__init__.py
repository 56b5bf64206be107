"""aitrack's ETL: announcements in, validated records and a DuckDB file out."""

__version__ = "0.1.0"
