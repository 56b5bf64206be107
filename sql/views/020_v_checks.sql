-- name: v_checks
-- grain: one row per figure check, with the document it is about
-- used-by: queries/checks.sql, `aitrack check`, the Figure checks page
CREATE OR REPLACE VIEW v_checks AS
WITH final AS (
    SELECT c.check_id, c.status, c."check", c.detail, c.subject, c.document_id, d.title, d.publisher,
           d.published_on, d.country_code, d.url, c.implied_rate, c.reference_rate, c.difference_pct,
           c.rate_source, c.rate_on, c.start, c."end"
    FROM checks c
    LEFT JOIN documents d USING (document_id)
)
SELECT * FROM final;
