-- name: document_origins
-- grain: one row per file (or JSONL line) a document came from
-- params: $document_id
-- used-by: the Sources page
WITH final AS (
    SELECT origin, format, file_sha256 FROM origins WHERE document_id = $document_id
)
SELECT * FROM final ORDER BY origin
