-- name: release_history
-- grain: one row per release this database descends from, newest first
-- params: none
-- used-by: the Releases page
WITH
final AS (
    SELECT seq, release_id, built_at, code_version, extractor_version, previous_release_id, n_changes, note
    FROM release_history
)
SELECT * FROM final
ORDER BY seq DESC
