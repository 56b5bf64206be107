-- name: documents
-- grain: one row per document, with its origins and how many facts it yielded
-- params: none
-- used-by: the Sources page
WITH counts AS (
    SELECT document_id,
           count(*) FILTER (WHERE NOT bracketed) AS amounts
    FROM amounts GROUP BY document_id
),
orig AS (
    SELECT document_id, string_agg(origin, '; ' ORDER BY origin) AS origins, count(*) AS n_origins
    FROM origins GROUP BY document_id
),
final AS (
    SELECT d.document_id, d.title, d.publisher, d.published_on, d.undated, d.language, d.country_code, d.url,
           coalesce(c.amounts, 0) AS amounts,
           (SELECT count(*) FROM commitments m WHERE m.document_id = d.document_id) AS commitments,
           (SELECT count(*) FROM targets t WHERE t.document_id = d.document_id) AS targets,
           (SELECT count(*) FROM checks k WHERE k.document_id = d.document_id) AS checks,
           o.origins, o.n_origins
    FROM documents d
    LEFT JOIN counts c USING (document_id)
    LEFT JOIN orig o USING (document_id)
)
SELECT * FROM final ORDER BY published_on NULLS LAST, title
