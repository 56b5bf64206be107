-- name: v_entries_live (view)
-- grain: one row per registry entry (one commitment, however many documents retell it), with what the pages
--        and the registry export show beside the registry's own columns: its sources, the figure record's
--        publisher, kind, funding and conversion note, and the worst of the figure record's check and the
--        entry's across_sources checks
-- used-by: sql/refresh/010_entries.sql, which makes it into the table v_entries once per build, after the
--          reviews have changed v_records and the registry; sql/refresh/020_filtered_entries.sql filters that
--          table. Computing these columns on every call cost the Commitments list and the Overview
--          0.3-1.6 s at 100,000 announcements (bench/RESULTS.md), so they are read from the table.
CREATE OR REPLACE VIEW v_entries_live AS
WITH
linked AS (
    SELECT l.entry_id,
           bool_or(v.is_headline) FILTER (WHERE l.role = 'record') AS any_headline,
           list(DISTINCT l.document_id ORDER BY l.document_id) AS sources
    FROM registry_links l
    LEFT JOIN v_records v ON v.record_id = l.amount_id
    GROUP BY l.entry_id
),
across AS (  -- across_sources checks name their entry at the start of the detail (sql/registry/040);
             -- read as a key, so this is a hash join, not every entry against every check
    SELECT regexp_extract(c.detail, '^registry entry ([^:]+):', 1) AS entry_id,
           max(CASE c.status WHEN 'fail' THEN 5 WHEN 'warn' THEN 4 WHEN 'unverifiable' THEN 3
                             WHEN 'pass' THEN 2 WHEN 'info' THEN 1 ELSE 0 END) AS severity,
           count(*) AS across_checks,
           string_agg(DISTINCT 'across_sources: ' || c.status, '; ' ORDER BY 'across_sources: ' || c.status)
               AS across_results
    FROM checks c
    WHERE c."check" = 'across_sources'
    GROUP BY ALL
),
entries AS (
    SELECT
        r.*,
        coalesce(k.any_headline, true) AS headline,
        coalesce(k.sources, []::VARCHAR[]) AS sources,
        v.publisher AS figure_publisher,
        v.commitment_kind AS figure_kind,
        coalesce(v.funding, 'unknown') AS funding,
        v.fx_status,
        v.fx_note,
        CASE greatest(coalesce(a.severity, 0),
                      CASE v.check_status WHEN 'fail' THEN 5 WHEN 'warn' THEN 4 WHEN 'unverifiable' THEN 3
                                          WHEN 'pass' THEN 2 WHEN 'info' THEN 1 ELSE 0 END)
             WHEN 5 THEN 'fail' WHEN 4 THEN 'warn' WHEN 3 THEN 'unverifiable'
             WHEN 2 THEN 'pass' WHEN 1 THEN 'info' ELSE 'none' END AS check_status,
        coalesce(a.across_checks, 0) AS across_checks,
        nullif(concat_ws('; ', v.check_results, a.across_results), '') AS check_results
    FROM registry r
    LEFT JOIN linked k USING (entry_id)
    LEFT JOIN v_records v ON v.record_id = r.amount_id
    LEFT JOIN across a USING (entry_id)
)
SELECT * FROM entries;
