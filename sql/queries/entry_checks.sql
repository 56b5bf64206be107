-- name: entry_checks
-- grain: one row per across_sources check of the entries named: a source of the entry that disagrees with the
--        figure the entry shows, with the arithmetic in detail (sql/registry/040_across_sources.sql)
-- params: $entry_ids (list of registry.entry_id)
-- used-by: the Commitments page's "sources of each entry"
WITH final AS (
    SELECT regexp_extract(c.detail, '^registry entry ([^:]+):', 1) AS entry_id, c.check_id, c.document_id,
           c.status, c.subject, c.detail, c.difference_pct
    FROM checks c
    WHERE c."check" = 'across_sources'
      AND list_contains($entry_ids, regexp_extract(c.detail, '^registry entry ([^:]+):', 1))
)
SELECT * FROM final ORDER BY entry_id, status, check_id
