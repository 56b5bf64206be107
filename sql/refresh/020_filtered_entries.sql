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
-- The per-entry columns (sources, the figure record's fields, the worst check) are those of the table
-- v_entries (sql/refresh/010_entries.sql: sql/views/030_entries.sql's v_entries_live, made once per build after
-- the reviews); the macro only filters. It is made here, after the table, as a table macro needs its table.
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
