-- name: country_totals
-- grain: one row per country: headline commitments announced, summed in USD at reference rates
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to
-- used-by: the Overview and Compare pages
WITH filtered AS (
    SELECT *
    FROM filtered_records($countries, $currencies, $kinds, $statuses, $date_from, $date_to, true, $fundings)
),
final AS (
    SELECT
        coalesce(country_code, '??') AS country_code,
        count(*) AS commitments,
        sum(value_usd) AS total_usd,
        count(value_usd) AS converted,
        count(*) - count(value_usd) AS not_converted,
        string_agg(DISTINCT currency, ', ' ORDER BY currency) AS currencies
    FROM filtered
    GROUP BY ALL
)
SELECT * FROM final ORDER BY total_usd DESC NULLS LAST, country_code
