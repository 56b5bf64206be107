-- name: announcement_months
-- grain: one row per country and month in which the filtered latest headline registry entries were first seen
--        (month null: undated): how many, how many have a USD value, their USD sum, and the largest of them
--        (by USD value, else as stated) with its figure as printed, the publisher it comes from and its rate
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to
-- used-by: the Overview page's "announcements over time"
WITH filtered AS (
    SELECT *
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, true, $fundings, true)
),
final AS (
    SELECT
        coalesce(country_code, '??') AS country_code,
        CAST(date_trunc('month', first_seen) AS DATE) AS month,
        count(*) AS commitments,
        count(value_usd) AS converted,
        sum(value_usd) AS total_usd,
        -- the key breaks ties by entry_id, so the same database always names the same example
        max_by(struct_pack(entry_id, published_on := first_seen, publisher := figure_publisher, quote, value,
                           currency, value_usd, usd_rate, rate_on, rate_source, fx_status, fx_note),
               struct_pack(usd := coalesce(value_usd, -1), val := coalesce(value, -1), id := entry_id)) AS largest
    FROM filtered
    GROUP BY ALL
)
SELECT * FROM final ORDER BY month NULLS LAST, country_code
