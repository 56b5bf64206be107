-- name: record_table
-- grain: one row per announced amount, filtered exactly as records.sql, in the same order, with only
--        the columns a table or chart shows (no sentence or title) and at most $limit rows;
--        filtered_rows repeats how many rows the filter matched before the limit
-- params: $countries, $currencies, $kinds, $statuses (lists, empty = all), $date_from, $date_to (date or null),
--         $headline_only (bool or null), $limit (int or null = no limit)
-- used-by: the Commitments page's table, the Overview page's charts
WITH filtered AS (
    SELECT *
    FROM v_records
    WHERE (len(coalesce($countries, []::VARCHAR[])) = 0 OR list_contains($countries, country_code))
      AND (len(coalesce($currencies, []::VARCHAR[])) = 0 OR list_contains($currencies, currency))
      AND (len(coalesce($kinds, []::VARCHAR[])) = 0 OR list_contains($kinds, commitment_kind))
      AND (len(coalesce($statuses, []::VARCHAR[])) = 0 OR list_contains($statuses, check_status))
      AND ($date_from IS NULL OR announced_on >= CAST($date_from AS DATE))
      AND ($date_to IS NULL OR announced_on <= CAST($date_to AS DATE))
      AND (coalesce($headline_only, false) = false OR is_headline)
),
final AS (
    SELECT record_id, document_id, country_code, announced_on, publisher, quote, start, value, value_min,
           value_max, currency, qualifier, is_headline, value_usd, usd_rate, rate_on, rate_source, fx_status,
           fx_note, check_status, commitment_kind, deadline_year,
           count(*) OVER () AS filtered_rows
    FROM filtered
)
SELECT * FROM final
ORDER BY announced_on NULLS LAST, country_code NULLS LAST, document_id, start
LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
