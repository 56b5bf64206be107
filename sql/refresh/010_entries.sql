-- name: v_entries (table)
-- grain: one row per registry entry, as sql/views/030_entries.sql defines it (v_entries_live)
-- used-by: sql/refresh/020_filtered_entries.sql (the one door of every commitment-grain query). Made once per
--          build, here only: etl/build.py applies sql/refresh after the reviews have changed v_records and the
--          registry (etl/reviews.py: corrected kinds and deadlines, the reviewed columns, merges, splits and
--          rejected entries), so the entries' columns are those of the records the pages show beside them;
--          bench/bigdb.py after linking its copy; etl.db.apply_sql makes it by default after the views
CREATE OR REPLACE TABLE v_entries AS
SELECT * FROM v_entries_live ORDER BY country_code NULLS LAST, first_seen NULLS LAST, entry_id;
