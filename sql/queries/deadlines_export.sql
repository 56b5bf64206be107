-- name: deadlines_export
-- grain: one row per deadline with a year or a date ("by 2030", "by the end of 2027"), with what it
--        binds (a target, an amount or a commitment of its sentence) and its document's publisher,
--        date and URL
-- params: $countries (list, empty = all), $date_from (date or null), $date_to (date or null)
-- used-by: `aitrack export --table deadlines`, deadlines.csv in the export zip
WITH final AS (
    SELECT d.deadline_id, d.document_id, d.country_code, doc.publisher, doc.published_on, doc.title, doc.url,
           d.year, d.deadline_on, d.precision, d.relation, d.binds, d.binds_quote, d.amount_id, d.target_id,
           d.commitment_id, d.quote, d.start, d."end", d.extractor_version
    FROM deadlines d
    JOIN documents doc USING (document_id)
    WHERE (d.year IS NOT NULL OR d.deadline_on IS NOT NULL)
      AND (len(coalesce($countries, []::VARCHAR[])) = 0 OR list_contains($countries, d.country_code))
      AND ($date_from IS NULL OR doc.published_on >= CAST($date_from AS DATE))
      AND ($date_to IS NULL OR doc.published_on <= CAST($date_to AS DATE))
)
SELECT * FROM final
ORDER BY year NULLS LAST, country_code NULLS LAST, published_on NULLS LAST, document_id, start
