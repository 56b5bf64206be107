-- name: targets_export
-- grain: one row per target (money, and beyond money: people trained, GPUs, compute, data-centre MW,
--        a share of GDP, a rank), with its document's publisher, date and URL
-- params: $countries (list, empty = all), $date_from (date or null), $date_to (date or null)
-- used-by: `aitrack export --table targets`, targets.csv in the export zip
WITH final AS (
    SELECT t.target_id, t.document_id, t.country_code, doc.publisher, doc.published_on, doc.title, doc.url,
           t.metric, t.comparator, t.value, t.unit, t.currency, t.year, t.value_quote, t.value_start,
           t.value_end, t.quote, t.start, t."end", t.amount_id, t.extractor_version
    FROM targets t
    JOIN documents doc USING (document_id)
    WHERE (len(coalesce($countries, []::VARCHAR[])) = 0 OR list_contains($countries, t.country_code))
      AND ($date_from IS NULL OR doc.published_on >= CAST($date_from AS DATE))
      AND ($date_to IS NULL OR doc.published_on <= CAST($date_to AS DATE))
)
SELECT * FROM final
ORDER BY year NULLS LAST, country_code NULLS LAST, published_on NULLS LAST, document_id, start, value_start
