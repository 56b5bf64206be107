-- name: registry_entries
-- grain: one row per registry entry (one commitment, however many documents retell it) passing the filter,
--        its registry columns plus headline, sources (document ids joined by ';'), check_status, funding,
--        fx_status/fx_note of its figure record, figure_publisher; at most $limit rows; filtered_rows repeats
--        how many entries the filter matched before the limit
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to,
--         $headline_only (bool or null), $latest_only (bool or null = true), $limit (int or null = no limit)
-- used-by: the Commitments page's list of entries, `aitrack export` (registry.csv, --table registry)
WITH filtered AS (
    SELECT *
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings, $latest_only)
),
final AS (
    SELECT * REPLACE (array_to_string(sources, ';') AS sources),
           count(*) OVER () AS filtered_rows
    FROM filtered
)
SELECT * FROM final
ORDER BY country_code, first_seen NULLS LAST, entry_id
LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
