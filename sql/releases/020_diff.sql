-- name: release_diff
-- grain: one row per change between two releases: a document, registry entry or amount
--        record added or removed (field empty, the row's one-line summary as old or new value),
--        or one field of a row in both that differs (old -> new, as text)
-- params: none; run after 010_rows.sql with the two databases ATTACHed as `old` and `new`
-- used-by: `aitrack diff`, etl/build.py (release_changes of a build that replaces a database)
-- Rows are matched by their content-derived ids (document_id, entry_id, amount_id), so a
-- rebuild of the same inputs matches every row and the diff is empty.
WITH
changes AS (
    FROM release_row_changes('document', 'old_release_documents', 'new_release_documents')
    UNION ALL
    FROM release_row_changes('entry', 'old_release_entries', 'new_release_entries')
    UNION ALL
    FROM release_row_changes('record', 'old_release_records', 'new_release_records')
),
final AS (
    SELECT kind, change, id, field, old_value, new_value,
           CASE kind WHEN 'document' THEN 1 WHEN 'entry' THEN 2 ELSE 3 END AS kind_order,
           CASE change WHEN 'removed' THEN 1 WHEN 'added' THEN 2 ELSE 3 END AS change_order
    FROM changes
)
SELECT kind, change, id AS row_id, field, old_value, new_value FROM final
ORDER BY kind_order, change_order, row_id, field
