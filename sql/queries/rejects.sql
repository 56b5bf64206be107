-- name: rejects
-- grain: one row per input that could not be loaded
-- params: none
-- used-by: the Sources page, `aitrack build` summary
WITH final AS (SELECT origin, stage, reason, file_sha256 FROM rejects)
SELECT * FROM final ORDER BY origin
