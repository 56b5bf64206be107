-- name: release_changes
-- grain: one row per change since the previous release (as `aitrack diff` lists them)
-- params: $limit (rows to return, null = all)
-- used-by: the Releases page, the export zip's CHANGELOG.md (etl/releases.py)
WITH
final AS (
    SELECT kind, change, row_id, field, old_value, new_value,
           count(*) OVER () AS filtered_rows
    FROM release_changes
)
SELECT * FROM final
ORDER BY CASE kind WHEN 'document' THEN 1 WHEN 'entry' THEN 2 ELSE 3 END,
         CASE change WHEN 'removed' THEN 1 WHEN 'added' THEN 2 ELSE 3 END, row_id, field
LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
