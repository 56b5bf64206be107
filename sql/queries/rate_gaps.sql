-- name: rate_gaps
-- grain: one row per currency among the filtered latest registry entries whose figure has no reference rate
--        for its day (fx_status no_rate): how many, the first and last day a source reported them (the span
--        of rates a fetch must cover)
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to,
--         $headline_only (bool or null)
-- used-by: the Overview page (which rates are missing and how to get them: `aitrack fx fetch cbr` for RUB)
WITH filtered AS (
    SELECT *
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings, true)
    WHERE value IS NOT NULL AND coalesce(fx_status, 'no_rate') = 'no_rate' AND currency IS NOT NULL
),
final AS (
    SELECT currency, count(*) AS entries, min(first_seen) AS first_on, max(last_seen) AS last_on
    FROM filtered
    GROUP BY currency
)
SELECT * FROM final
ORDER BY entries DESC, currency
