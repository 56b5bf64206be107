-- name: record_table
-- grain: one row per announced amount, filtered exactly as records.sql, in the same order, with only
--        the columns a table or chart shows (no sentence or title) and at most $limit rows;
--        filtered_rows repeats how many rows the filter matched before the limit
-- params: $countries, $currencies, $kinds, $statuses (lists, empty = all), $date_from, $date_to (date or null),
--         $headline_only (bool or null), $fundings (list), $limit (int or null = no limit)
-- used-by: the Commitments page's table, the Export page's row count
WITH filtered AS (
    SELECT *
    FROM filtered_records($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings)
),
final AS (
    SELECT record_id, document_id, country_code, published_on, publisher, quote, start, value, value_min,
           value_max, currency, qualifier, is_headline, value_usd, usd_rate, rate_on, rate_source, fx_status,
           fx_note, check_status, commitment_kind, deadline_year, funding, check_results,
           count(*) OVER () AS filtered_rows
    FROM filtered
)
SELECT * FROM final
ORDER BY published_on NULLS LAST, country_code NULLS LAST, document_id, start
LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
