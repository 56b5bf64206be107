-- name: record_corrections
-- grain: one row per review decision applied to one record (amount), oldest first
-- params: $record_id
-- used-by: the Commitments page's source panel (who corrected what, when and why)
WITH final AS (
    SELECT review_id, "at", reviewer, action, field, old, new, reason, matched_by, superseded_by, note
    FROM corrections_applied
    WHERE target_kind = 'amount' AND applied_to = $record_id
)
SELECT * FROM final
ORDER BY "at", review_id
