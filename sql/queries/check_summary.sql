-- name: check_summary
-- grain: one row per check and status: how many figure checks of that kind ended so
-- params: none
-- used-by: the Figure checks page (counts and chart, without loading every check)
WITH final AS (
    SELECT "check", status, count(*) AS n FROM checks GROUP BY ALL
)
SELECT * FROM final ORDER BY "check", status
