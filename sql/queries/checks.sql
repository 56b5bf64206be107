-- name: checks
-- grain: one row per figure check
-- params: $statuses (list, empty = all), $checks (list, empty = all)
-- used-by: `aitrack check` (the Figure checks page uses check_summary and check_list)
WITH final AS (
    SELECT * FROM v_checks
    WHERE (len(coalesce($statuses, []::VARCHAR[])) = 0 OR list_contains($statuses, status))
      AND (len(coalesce($checks, []::VARCHAR[])) = 0 OR list_contains($checks, "check"))
)
SELECT * FROM final
ORDER BY CASE status WHEN 'fail' THEN 0 WHEN 'warn' THEN 1 WHEN 'unverifiable' THEN 2 WHEN 'pass' THEN 3 ELSE 4 END,
         published_on NULLS LAST, document_id, start NULLS LAST, "check"
