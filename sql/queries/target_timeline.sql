-- name: target_timeline
-- grain: one row per country, year due, kind (target or deadline) and timing as seen on $as_of
--        (overdue, due this year, upcoming): how many, and the first three of them (by publication
--        date) with what they say, for the chart's hover
-- params: $countries (list, empty = all), $as_of (date or null = today)
-- used-by: the Targets and deadlines page's chart and counts, the Overview page's upcoming deadlines
WITH chosen AS (
    SELECT * FROM timed_targets($countries, $as_of)
),
final AS (
    SELECT
        coalesce(country_code, '??') AS country_code,
        year,
        source_kind,
        timing,
        count(*) AS n,
        -- min_by with n keeps three rows per group, not every row's struct (a sorted list() cost 130 ms)
        min_by(struct_pack(what, comparator, value, currency, quote, publisher, published_on, unit),
               struct_pack(published_on, document_id, start), 3) AS examples
    FROM chosen
    GROUP BY ALL
)
SELECT * FROM final ORDER BY year, country_code, source_kind
