-- name: filtered_records (table macro)
-- grain: the rows of v_records that pass the analyst's filter
-- params: countries, currencies, kinds, statuses (lists, empty = all), date_from, date_to (date or null),
--         headline_only (bool or null), fundings (list of public/private/mixed/unknown, empty = all)
-- used-by: queries/records.sql, record_table.sql, usd_coverage.sql, country_totals.sql: one filter, so the
--          table, the totals and the download can never disagree about what "filtered" means
CREATE OR REPLACE MACRO filtered_records(countries, currencies, kinds, statuses, date_from, date_to, headline_only,
                                          fundings) AS TABLE
SELECT *
FROM v_records
WHERE (len(coalesce(countries, []::VARCHAR[])) = 0 OR list_contains(countries, country_code))
  AND (len(coalesce(currencies, []::VARCHAR[])) = 0 OR list_contains(currencies, currency))
  AND (len(coalesce(kinds, []::VARCHAR[])) = 0 OR list_contains(kinds, commitment_kind))
  AND (len(coalesce(statuses, []::VARCHAR[])) = 0 OR list_contains(statuses, check_status))
  AND (date_from IS NULL OR published_on >= CAST(date_from AS DATE))
  AND (date_to IS NULL OR published_on <= CAST(date_to AS DATE))
  AND (coalesce(headline_only, false) = false OR is_headline)
  AND (len(coalesce(fundings, []::VARCHAR[])) = 0 OR list_contains(fundings, funding));
