-- name: v_targets (materialised from v_targets_live at the end of the build), timed_targets (table macro)
-- grain: one row per target (money or beyond: people, GPUs, MW, % of GDP, rank, with its unit), and
--        per deadline that does not stand inside a target's own evidence (with what it binds), with
--        its document's title, publisher, date and URL
-- used-by: queries/target_timeline.sql (the Targets chart and counts, the Overview's upcoming count),
--          queries/target_list.sql (the Targets and Compare tables)
CREATE OR REPLACE VIEW v_targets_live AS
WITH
t AS (
    SELECT t.document_id, t.country_code, t.metric AS what, t.comparator, t.value, t.currency, t.year,
           t.quote, t.start, t."end", 'target' AS source_kind, t.unit, NULL AS binds, t.amount_id
    FROM targets t
),
dl AS (
    -- "by 2030" inside a target's sentence is that target's year, not a second deadline
    -- what a deadline binds (an amount or a commitment of its sentence) is said in `binds`
    SELECT d.document_id, d.country_code, 'deadline' AS what, NULL AS comparator, NULL::DOUBLE AS value,
           NULL AS currency, d.year, d.quote, d.start, d."end", 'deadline' AS source_kind, NULL AS unit,
           CASE WHEN d.binds IS NOT NULL THEN d.binds || ': ' || d.binds_quote END AS binds, d.amount_id
    FROM deadlines d
    WHERE d.year IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.document_id = d.document_id AND d.start >= t.start AND d.start < t."end")
),
final AS (
    SELECT x.*, doc.title, doc.publisher, doc.published_on, doc.url
    FROM (SELECT * FROM t UNION ALL SELECT * FROM dl) x
    JOIN documents doc USING (document_id)
)
SELECT * FROM final;

-- Computed once per build, as v_records is: the anti-join and the join to documents cost
-- every query of the Targets page ~40 ms at 100,000 announcements otherwise (bench/RESULTS.md).
CREATE TABLE v_targets AS
SELECT * FROM v_targets_live
ORDER BY year, country_code NULLS LAST, published_on, document_id, start;

-- The chosen countries' targets with their timing as seen on as_of (null = today):
-- overdue (the year is over), due this year, or upcoming. One definition for the chart,
-- the counts and the table, so they cannot disagree about what "overdue" means.
CREATE OR REPLACE MACRO timed_targets(countries, as_of) AS TABLE
SELECT v.*,
       CASE WHEN v.year < year(coalesce(CAST(as_of AS DATE), current_date)) THEN 'overdue'
            WHEN v.year = year(coalesce(CAST(as_of AS DATE), current_date)) THEN 'due this year'
            ELSE 'upcoming' END AS timing
FROM v_targets v
WHERE v.year IS NOT NULL
  AND (len(coalesce(countries, []::VARCHAR[])) = 0 OR list_contains(countries, v.country_code));
