-- name: target_list
-- grain: one row per target or deadline (as v_targets) with its timing as seen on $as_of, in the
--        order of the timeline (year, country, publication date), at most $limit rows;
--        filtered_rows repeats how many matched before the limit
-- params: $countries (list, empty = all), $as_of (date or null = today),
--         $timing ('overdue', 'due this year', 'upcoming' or null = all), $limit (int or null = no limit)
-- used-by: the Targets and deadlines page's table, the Compare page's targets
WITH chosen AS (
    SELECT * FROM timed_targets($countries, $as_of)
    WHERE $timing IS NULL OR timing = $timing
),
final AS (
    SELECT year, timing, country_code, source_kind, what, comparator, value, currency, quote,
           publisher, published_on, title, url, document_id, start,
           count(*) OVER () AS filtered_rows, unit, binds
    FROM chosen
)
SELECT * FROM final
ORDER BY year, country_code NULLS LAST, published_on, document_id, start
LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
