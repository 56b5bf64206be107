-- Every fact's quote is exactly the document text at its offsets.
WITH spans AS (
    SELECT 'amounts' AS t, document_id, quote, start, "end" FROM amounts
    UNION ALL SELECT 'amounts.funding_quote', document_id, funding_quote, funding_start, funding_end
              FROM amounts WHERE funding_quote IS NOT NULL
    UNION ALL SELECT 'rates', document_id, quote, start, "end" FROM rates
    UNION ALL SELECT 'conversions', document_id, quote, start, "end" FROM conversions
    UNION ALL SELECT 'dates', document_id, quote, start, "end" FROM dates
    UNION ALL SELECT 'deadlines', document_id, quote, start, "end" FROM deadlines
    UNION ALL SELECT 'percentages', document_id, quote, start, "end" FROM percentages
    UNION ALL SELECT 'targets', document_id, quote, start, "end" FROM targets
    UNION ALL SELECT 'targets.value_quote', document_id, value_quote, value_start, value_end
              FROM targets WHERE value_quote IS NOT NULL
    UNION ALL SELECT 'actors', document_id, quote, start, "end" FROM actors
    UNION ALL SELECT 'commitments', document_id, quote, start, "end" FROM commitments
    UNION ALL SELECT 'registry_status', document_id, quote, start, "end" FROM registry_status
)
SELECT s.* FROM spans s JOIN documents d USING (document_id)
WHERE substring(d.text, s.start + 1, s."end" - s.start) <> s.quote
