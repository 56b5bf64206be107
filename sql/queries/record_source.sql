-- name: record_source
-- grain: one row: one record (as in v_records) with its whole document text, for showing the
--        source sentence in place; loaded only when a person chooses that record
-- params: $record_id
-- used-by: the Commitments page's source panel
WITH rec AS (
    SELECT * FROM v_records WHERE record_id = $record_id
),
final AS (
    SELECT rec.*, d.published_on, d.published_from, d.text AS document_text, d.n_chars
    FROM rec
    JOIN documents d USING (document_id)
)
SELECT * FROM final
