-- name: deadlines
-- grain: one row per target or deadline, with its document
-- params: $countries (list, empty = all)
-- used-by: the Targets and deadlines page
WITH t AS (
    SELECT t.document_id, t.country_code, t.metric AS what, t.comparator, t.value, t.currency, t.year,
           t.quote, t.start, t."end", 'target' AS source_kind
    FROM targets t
),
dl AS (
    SELECT d.document_id, d.country_code, 'deadline' AS what, NULL AS comparator, NULL::DOUBLE AS value,
           NULL AS currency, d.year, d.quote, d.start, d."end", 'deadline' AS source_kind
    FROM deadlines d
    WHERE d.year IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM targets t WHERE t.document_id = d.document_id AND d.start >= t.start AND d.start < t."end")
),
final AS (
    SELECT x.*, doc.title, doc.publisher, doc.published_on, doc.url
    FROM (SELECT * FROM t UNION ALL SELECT * FROM dl) x
    JOIN documents doc USING (document_id)
    WHERE (len(coalesce($countries, []::VARCHAR[])) = 0 OR list_contains($countries, x.country_code))
)
SELECT * FROM final ORDER BY year, country_code NULLS LAST, published_on
