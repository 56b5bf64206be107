-- name: usd_coverage
-- grain: one row per fx_status (converted, no_rate, no_currency, no_date, no_value) among the filtered
--        amounts: how many have a USD value, how many do not and why; zero_usd counts true zeros,
--        which are values, not gaps
-- params: $countries, $currencies, $kinds, $statuses (lists, empty = all), $date_from, $date_to (date or null),
--         $headline_only (bool or null), $fundings (list)
-- used-by: the Overview and Commitments pages
WITH filtered AS (
    SELECT *
    FROM filtered_records($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings)
),
final AS (
    SELECT
        fx_status,
        count(*) AS amounts,
        count(*) FILTER (WHERE is_headline) AS headline_amounts,
        count(value_usd) AS with_usd,
        count(*) FILTER (WHERE value_usd = 0) AS zero_usd,
        sum(value_usd) AS total_usd,
        sum(value_usd) FILTER (WHERE is_headline) AS headline_usd,
        -- one example reason is enough to say why; the export has each row's own note
        min(fx_note) AS example_note,
        string_agg(DISTINCT currency, ', ' ORDER BY currency) AS currencies
    FROM filtered
    GROUP BY fx_status
)
SELECT * FROM final
ORDER BY CASE fx_status WHEN 'converted' THEN 0 ELSE 1 END, amounts DESC, fx_status
