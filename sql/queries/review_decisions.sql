-- name: review_decisions
-- grain: one row per review decision the build found in its review file: applied (with the extracted
--        value it replaced) or orphaned (with why its target is gone)
-- params: none
-- used-by: the Review page, `aitrack review list`
WITH
applied AS (
    SELECT review_id, "at", reviewer, target_kind, target_id, applied_to, matched_by, document_id, quote, action,
           field, old, new, reason, superseded_by, note, 'applied' AS state, NULL AS why
    FROM corrections_applied
),
orphaned AS (
    SELECT review_id, "at", reviewer, target_kind, target_id, NULL, NULL, document_id, quote, action,
           field, old, new, reason, NULL, NULL, 'orphaned', why
    FROM review_orphans
),
final AS (SELECT * FROM applied UNION ALL SELECT * FROM orphaned)
SELECT * FROM final
ORDER BY "at", review_id
