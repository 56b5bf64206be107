-- name: entry_coverage
-- grain: one row per fx_status of the figure record (converted, no_rate, no_currency, no_date, no_value: no
--        figure stated) among the filtered latest registry entries: how many, how many have a USD value, how
--        many are exactly zero (a value, not a gap), their USD sum, the currencies
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to,
--         $headline_only (bool or null)
-- used-by: the Overview page (headline entries left out of the dollar total, and why), the Export page
WITH filtered AS (
    SELECT *
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings, true)
),
final AS (
    SELECT
        CASE WHEN value IS NULL THEN 'no_value' ELSE coalesce(fx_status, 'no_rate') END AS fx_status,
        count(*) AS entries,
        count(*) FILTER (WHERE headline) AS headline_entries,
        count(value_usd) AS with_usd,
        count(*) FILTER (WHERE value_usd = 0) AS zero_usd,
        sum(value_usd) AS total_usd,
        sum(value_usd) FILTER (WHERE headline) AS headline_usd,
        string_agg(DISTINCT currency, ', ' ORDER BY currency) AS currencies
    FROM filtered
    GROUP BY ALL
)
SELECT * FROM final
ORDER BY CASE fx_status WHEN 'converted' THEN 0 ELSE 1 END, entries DESC, fx_status
