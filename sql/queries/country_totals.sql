-- name: country_totals
-- grain: one row per country: headline commitments announced, summed in USD at reference rates, with
--        the five largest that have a USD value (amount as printed, USD value, rate, its date and source)
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to
-- used-by: the Overview page's "commitments by country", the Compare page
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
        string_agg(DISTINCT currency, ', ' ORDER BY currency) AS currencies,
        -- max_by with n keeps five per country (largest first), not a sorted list of every row
        max_by(struct_pack(quote, value, currency, value_usd, usd_rate, rate_on, rate_source),
               struct_pack(usd := value_usd, id := record_id), 5) FILTER (WHERE value_usd IS NOT NULL) AS largest
    FROM filtered
    GROUP BY ALL
)
SELECT * FROM final ORDER BY total_usd DESC NULLS LAST, country_code
