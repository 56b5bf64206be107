-- name: check_list
-- grain: one row per figure check as in v_checks, filtered by status, in checks.sql's order, at most
--        $limit rows; filtered_rows repeats how many matched before the limit
-- params: $statuses (list, empty = all), $limit (int or null = no limit)
-- used-by: the Figure checks page's table
WITH filtered AS (
    SELECT * FROM v_checks
    WHERE (len(coalesce($statuses, []::VARCHAR[])) = 0 OR list_contains($statuses, status))
),
matched AS (
    SELECT count(*) AS filtered_rows FROM checks
    WHERE (len(coalesce($statuses, []::VARCHAR[])) = 0 OR list_contains($statuses, status))
),
-- the page by top-N, then the count beside it: a count over every row before the sort
-- made the whole table wait for the window (75 -> 48 ms at 100,000 announcements)
page AS (
    SELECT * FROM filtered
    ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 WHEN 'unverifiable' THEN 2 WHEN 'pass' THEN 3 ELSE 4 END,
             published_on NULLS LAST, document_id, start NULLS LAST, "check"
    LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
),
final AS (
    SELECT page.*, matched.filtered_rows FROM page CROSS JOIN matched
)
SELECT * FROM final
ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 WHEN 'unverifiable' THEN 2 WHEN 'pass' THEN 3 ELSE 4 END,
         published_on NULLS LAST, document_id, start NULLS LAST, "check"
