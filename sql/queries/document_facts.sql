-- name: document_facts
-- grain: one row per fact a document yielded (amount, rate, conversion, date, deadline, percentage,
--        target, actor, commitment), in text order, with its span
-- params: $document_id
-- used-by: the Sources page (what each document yielded), the Commitments page (who said it)
-- Amounts stay numbers here (what, code, value, currency, to_value, to_currency): the page words
-- them with the helpers every other amount goes through (charts.fact_details), so a reader sees
-- 'US$52.7 billion', never '52700000000.0 USD'; detail holds only the rest.
WITH a AS (
    SELECT 'amount' AS fact, quote, start, "end",
           concat_ws(' ', CASE WHEN bracketed THEN '(bracketed equivalent)' END,
                     CASE WHEN is_headline THEN '(headline)' END) AS detail,
           NULL::VARCHAR AS what, qualifier AS code, value, currency, NULL::DOUBLE AS to_value,
           NULL::VARCHAR AS to_currency
    FROM amounts WHERE document_id = $document_id
),
r AS (
    SELECT 'rate', quote, start, "end", concat('1 ', base_currency, ' = ', printf('%g', rate), ' ', quote_currency),
           NULL, NULL, NULL, NULL, NULL, NULL
    FROM rates WHERE document_id = $document_id
),
c AS (
    SELECT 'conversion', quote, start, "end", '', NULL, NULL, from_value, from_currency, to_value, to_currency
    FROM conversions WHERE document_id = $document_id
),
dt AS (
    SELECT 'date', quote, start, "end", concat(value, ' (', grain, CASE WHEN relative THEN ', relative' END, ')'),
           NULL, NULL, NULL, NULL, NULL, NULL
    FROM dates WHERE document_id = $document_id
),
dl AS (
    SELECT 'deadline', quote, start, "end", concat(relation, ' ', coalesce(CAST(year AS VARCHAR), '?'), ' (', precision, ')'),
           NULL, NULL, NULL, NULL, NULL, NULL
    FROM deadlines WHERE document_id = $document_id
),
p AS (
    SELECT 'percentage', quote, start, "end", concat(printf('%g', value), '%'), NULL, NULL, NULL, NULL, NULL, NULL
    FROM percentages WHERE document_id = $document_id
),
t AS (
    SELECT 'target', quote, start, "end", concat_ws(' ', 'by', CAST(year AS VARCHAR)),
           metric, comparator, value, currency, NULL, NULL
    FROM targets WHERE document_id = $document_id
),
ac AS (
    SELECT 'actor: ' || kind, quote, start, "end", concat_ws(' ', name, '(' || code || ')'),
           NULL, NULL, NULL, NULL, NULL, NULL
    FROM actors WHERE document_id = $document_id
),
cm AS (
    SELECT 'commitment: ' || kind, quote, start, "end", description, NULL, NULL, NULL, NULL, NULL, NULL
    FROM commitments WHERE document_id = $document_id
),
final AS (
    SELECT * FROM a UNION ALL SELECT * FROM r UNION ALL SELECT * FROM c UNION ALL SELECT * FROM dt
    UNION ALL SELECT * FROM dl UNION ALL SELECT * FROM p UNION ALL SELECT * FROM t
    UNION ALL SELECT * FROM ac UNION ALL SELECT * FROM cm
)
SELECT * FROM final ORDER BY start, "end", fact
