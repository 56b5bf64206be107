-- name: country_currency_totals
-- grain: one row per country and announced currency: headline commitments summed in the currency
--        they were announced in (never converted), with the USD sum of those that have a rate
-- params: $countries (list, empty = all)
-- used-by: the Compare page
WITH filtered AS (
    SELECT * FROM v_records
    WHERE is_headline
      AND (len(coalesce($countries, []::VARCHAR[])) = 0 OR list_contains($countries, country_code))
),
final AS (
    SELECT
        coalesce(country_code, '??') AS country_code,
        coalesce(currency, '?') AS currency,
        count(*) AS commitments,
        sum(value) AS total_value,
        sum(value_usd) AS total_usd,
        count(value_usd) AS converted,
        min(published_on) AS first_on,
        max(published_on) AS last_on
    FROM filtered
    GROUP BY ALL
)
SELECT * FROM final ORDER BY country_code, total_usd DESC NULLS LAST, currency
