-- name: publishers
-- grain: one row per publisher (empty publisher as '(none)'): documents, amounts, first and last dates
-- params: none
-- used-by: the Sources page
WITH counts AS (
    SELECT document_id, count(*) FILTER (WHERE NOT bracketed) AS amounts FROM amounts GROUP BY document_id
),
final AS (
    SELECT coalesce(d.publisher, '(none)') AS publisher,
           count(*) AS documents,
           coalesce(sum(c.amounts), 0) AS amounts,
           min(d.published_on) AS first_on,
           max(d.published_on) AS last_on,
           string_agg(DISTINCT d.country_code, ', ' ORDER BY d.country_code) AS countries
    FROM documents d
    LEFT JOIN counts c USING (document_id)
    GROUP BY ALL
)
SELECT * FROM final ORDER BY documents DESC, publisher
