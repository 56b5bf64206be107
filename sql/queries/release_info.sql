-- name: release_info
-- grain: one row: this database's release (build_info keys; empty where a key is absent,
--        as in a database built before releases)
-- params: none
-- used-by: the Releases page, the export zip's CHANGELOG.md (etl/releases.py)
WITH
info AS (SELECT key, value FROM build_info),
final AS (
    SELECT
        max(value) FILTER (WHERE key = 'release_id') AS release_id,
        max(value) FILTER (WHERE key = 'built_at') AS built_at,
        max(value) FILTER (WHERE key = 'code_version') AS code_version,
        max(value) FILTER (WHERE key = 'code_version_from') AS code_version_from,
        max(value) FILTER (WHERE key = 'extractor_version') AS extractor_version,
        max(value) FILTER (WHERE key = 'previous_release_id') AS previous_release_id,
        max(value) FILTER (WHERE key = 'previous_built_at') AS previous_built_at,
        max(value) FILTER (WHERE key = 'release_note') AS release_note,
        (SELECT count(*) FROM release_changes) AS n_changes
    FROM info
)
SELECT * FROM final
