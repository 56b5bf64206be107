-- name: country_totals
-- grain: one row per country: its latest headline registry entries (one per commitment, however many sources
--        retell it; a superseded pledge is not counted beside the one that replaced it), summed in USD at the
--        entry's own rate, with the five largest that have a USD value (figure as printed, USD value, rate,
--        its date and source); an entry without a figure is counted, never summed as zero
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to
-- used-by: the Overview page's "commitments by country", the Compare page
WITH filtered AS (
    SELECT *
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, true, $fundings, true)
),
final AS (
    SELECT
        coalesce(country_code, '??') AS country_code,
        count(*) AS commitments,
        sum(value_usd) AS total_usd,
        count(value_usd) AS converted,
        count(*) - count(value_usd) AS not_converted,
        count(*) - count(value) AS no_value,
        string_agg(DISTINCT currency, ', ' ORDER BY currency) AS currencies,
        -- max_by with n keeps five per country (largest first), not a sorted list of every row
        max_by(struct_pack(quote, value, currency, value_usd, usd_rate, rate_on, rate_source),
               struct_pack(usd := value_usd, id := entry_id), 5) FILTER (WHERE value_usd IS NOT NULL) AS largest
    FROM filtered
    GROUP BY ALL
)
SELECT * FROM final ORDER BY total_usd DESC NULLS LAST, country_code
