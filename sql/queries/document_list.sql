-- name: document_list
-- grain: one row per document (no text), optionally of one publisher, at most $limit rows;
--        filtered_rows repeats how many matched before the limit
-- params: $publisher (string or null = all; '(none)' = documents without a publisher), $limit (int or null)
-- used-by: the Sources page
WITH docs AS (
    SELECT d.document_id, d.title, d.publisher, d.published_on, d.undated, d.language, d.country_code, d.url,
           d.n_chars
    FROM documents d
    WHERE $publisher IS NULL OR coalesce(d.publisher, '(none)') = $publisher
),
matched AS (
    SELECT count(*) AS filtered_rows FROM docs
),
-- the page first, then amounts counted for its documents only (not for all of them)
page AS (
    SELECT * FROM docs ORDER BY published_on NULLS LAST, title, document_id
    LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
),
counts AS (
    SELECT document_id, count(*) FILTER (WHERE NOT bracketed) AS amounts FROM amounts
    WHERE document_id IN (SELECT document_id FROM page)
    GROUP BY document_id
),
final AS (
    SELECT page.*, coalesce(c.amounts, 0) AS amounts, matched.filtered_rows
    FROM page LEFT JOIN counts c USING (document_id) CROSS JOIN matched
)
SELECT * FROM final ORDER BY published_on NULLS LAST, title, document_id
