-- name: country_totals
-- grain: one row per country: headline commitments announced, summed in USD at reference rates
-- params: $countries, $currencies, $kinds, $statuses (lists, empty = all), $date_from, $date_to
-- used-by: the Overview and Compare pages
WITH filtered AS (
    SELECT *
    FROM v_records
    WHERE is_headline
      AND (len(coalesce($countries, []::VARCHAR[])) = 0 OR list_contains($countries, country_code))
      AND (len(coalesce($currencies, []::VARCHAR[])) = 0 OR list_contains($currencies, currency))
      AND (len(coalesce($kinds, []::VARCHAR[])) = 0 OR list_contains($kinds, commitment_kind))
      AND (len(coalesce($statuses, []::VARCHAR[])) = 0 OR list_contains($statuses, check_status))
      AND ($date_from IS NULL OR announced_on >= CAST($date_from AS DATE))
      AND ($date_to IS NULL OR announced_on <= CAST($date_to AS DATE))
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
