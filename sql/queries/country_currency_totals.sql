-- name: country_currency_totals
-- grain: one row per country and stated currency: the latest headline registry entries summed in the currency
--        they were stated in (never converted), with the USD sum of those that have a rate
-- params: $countries (list, empty = all)
-- used-by: the Overview page's currency mix, the Compare page
WITH filtered AS (
    SELECT * FROM filtered_entries($countries, [], [], [], NULL, NULL, true, [], true)
),
final AS (
    SELECT
        coalesce(country_code, '??') AS country_code,
        coalesce(currency, '?') AS currency,
        count(*) AS commitments,
        sum(value) AS total_value,
        sum(value_usd) AS total_usd,
        count(value_usd) AS converted,
        min(first_seen) AS first_on,
        max(last_seen) AS last_on
    FROM filtered
    GROUP BY ALL
)
SELECT * FROM final ORDER BY country_code, total_usd DESC NULLS LAST, currency
