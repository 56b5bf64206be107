-- name: document_facts
-- grain: one row per fact a document yielded (amount, rate, conversion, date, deadline, percentage,
--        target, actor, commitment), in text order, with its span
-- params: $document_id
-- used-by: the Sources page (what each document yielded), the Commitments page (who said it)
WITH a AS (
    SELECT 'amount' AS fact, quote, start, "end",
           concat_ws(' ', CAST(value AS VARCHAR), currency, qualifier,
                     CASE WHEN bracketed THEN '(bracketed equivalent)' END,
                     CASE WHEN is_headline THEN '(headline)' END) AS detail
    FROM amounts WHERE document_id = $document_id
),
r AS (
    SELECT 'rate', quote, start, "end", concat('1 ', base_currency, ' = ', rate, ' ', quote_currency)
    FROM rates WHERE document_id = $document_id
),
c AS (
    SELECT 'conversion', quote, start, "end",
           concat(from_value, ' ', coalesce(from_currency, '?'), ' = ', to_value, ' ', coalesce(to_currency, '?'))
    FROM conversions WHERE document_id = $document_id
),
dt AS (
    SELECT 'date', quote, start, "end", concat(value, ' (', grain, CASE WHEN relative THEN ', relative' END, ')')
    FROM dates WHERE document_id = $document_id
),
dl AS (
    SELECT 'deadline', quote, start, "end", concat(relation, ' ', coalesce(CAST(year AS VARCHAR), '?'), ' (', precision, ')')
    FROM deadlines WHERE document_id = $document_id
),
p AS (
    SELECT 'percentage', quote, start, "end", concat(value, '%')
    FROM percentages WHERE document_id = $document_id
),
t AS (
    SELECT 'target', quote, start, "end",
           concat_ws(' ', metric, comparator, CAST(value AS VARCHAR), currency, 'by', CAST(year AS VARCHAR))
    FROM targets WHERE document_id = $document_id
),
ac AS (
    SELECT 'actor: ' || kind, quote, start, "end", concat_ws(' ', name, '(' || code || ')')
    FROM actors WHERE document_id = $document_id
),
cm AS (
    SELECT 'commitment: ' || kind, quote, start, "end", description
    FROM commitments WHERE document_id = $document_id
),
final AS (
    SELECT * FROM a UNION ALL SELECT * FROM r UNION ALL SELECT * FROM c UNION ALL SELECT * FROM dt
    UNION ALL SELECT * FROM dl UNION ALL SELECT * FROM p UNION ALL SELECT * FROM t
    UNION ALL SELECT * FROM ac UNION ALL SELECT * FROM cm
)
SELECT * FROM final ORDER BY start, "end", fact
