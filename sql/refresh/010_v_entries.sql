-- name: v_entries (made again at the end of the build)
-- grain: one row per registry entry, as sql/views/030_filtered_entries.sql defines it (v_entries_live)
-- used-by: etl/build.py and bench/bigdb.py, after the reviews have changed v_records (etl/reviews.py
--          Applier.apply_views: corrected kinds and deadlines, the reviewed columns), so the entries' figure
--          columns are those of the records the pages show beside them
CREATE OR REPLACE TABLE v_entries AS
SELECT * FROM v_entries_live ORDER BY country_code NULLS LAST, first_seen NULLS LAST, entry_id;
