-- name: filtered_entries (table macro)
-- grain: one row per registry entry (one commitment, however many documents retell it) that passes the
--        analyst's filter, with what the pages and the registry export show beside the registry's own columns
-- params: countries, currencies, kinds, statuses (lists, empty = all), date_from, date_to (date or null),
--         headline_only (bool or null), fundings (list), latest_only (bool; null = true: a superseded pledge
--         is not counted beside the one that replaced it)
-- used-by: queries/entry_*.sql, registry_export.sql, registry_links_export.sql, country_totals.sql,
--          bloc_totals.sql, announcement_months.sql, country_currency_totals.sql, overview.sql: one filter, so
--          the Overview, Compare, the Commitments list and the registry export count the same entries
--
-- How the Filter reads on an entry (etl/filters.py says it for amounts):
--   countries, currencies: the entry's own country_code and currency (an entry without one matches no list);
--   kinds: the entry's kind, or the commitment kind of the record its figure comes from (no kind: 'unspecified');
--   statuses: the worst of the figure record's check and the entry's across_sources checks;
--   fundings: the figure record's funding (no record: 'unknown');
--   date_from/date_to: some source of the entry was published inside the range (last_seen >= from,
--     first_seen <= to); an undated entry is dropped by any date bound, as an undated amount is;
--   headline_only: some source gives the entry's figure as its headline amount, or the entry has no amount
--     record at all (nothing it could be a part of), so "$39 billion of the $52.7 billion" is not added twice.
-- The per-entry columns (sources, the figure record's fields, the worst check) are computed once per build
-- into the table v_entries, as v_records is: computing them on every call cost the Commitments list and the
-- Overview 0.3-1.6 s at 100,000 announcements (bench/RESULTS.md); the macro only filters. The build makes the
-- table again after reviews change v_records (sql/refresh/010_v_entries.sql), so it never lags behind it.
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

CREATE OR REPLACE TABLE v_entries AS
SELECT * FROM v_entries_live ORDER BY country_code NULLS LAST, first_seen NULLS LAST, entry_id;

CREATE OR REPLACE MACRO filtered_entries(countries, currencies, kinds, statuses, date_from, date_to, headline_only,
                                          fundings, latest_only) AS TABLE
SELECT *
FROM v_entries
WHERE (coalesce(latest_only, true) = false OR latest)
  AND (len(coalesce(countries, []::VARCHAR[])) = 0 OR list_contains(countries, country_code))
  AND (len(coalesce(currencies, []::VARCHAR[])) = 0 OR list_contains(currencies, currency))
  AND (len(coalesce(kinds, []::VARCHAR[])) = 0 OR list_contains(kinds, coalesce(kind, 'unspecified'))
       OR list_contains(kinds, figure_kind))
  AND (len(coalesce(statuses, []::VARCHAR[])) = 0 OR list_contains(statuses, check_status))
  AND (date_from IS NULL OR last_seen >= CAST(date_from AS DATE))
  AND (date_to IS NULL OR first_seen <= CAST(date_to AS DATE))
  AND (coalesce(headline_only, false) = false OR headline)
  AND (len(coalesce(fundings, []::VARCHAR[])) = 0 OR list_contains(fundings, funding));
