-- name: registry
-- grain: one row per registry entry (one commitment, however many documents retell it),
--        with its sources as a list of document ids, newest first within a country
-- params: $country (ISO code or null = all)
-- used-by: `aitrack registry`
WITH
sources AS (
    SELECT entry_id, list(DISTINCT document_id ORDER BY document_id) AS sources
    FROM registry_links WHERE role IN ('record', 'conversion')
    GROUP BY entry_id
),
final AS (
    SELECT r.entry_id AS id, r.country_code AS country, r.kind, r.quote, r.value, r.currency, r.value_usd,
           r.usd_rate, r.rate_on, r.rate_source, r.deadline_year, r.status, r.status_on AS as_of,
           r.latest, r.supersedes, r.n_sources, s.sources, r.first_seen, r.last_seen,
           r.document_id AS figure_from, r.authority
    FROM registry r JOIN sources s USING (entry_id)
    WHERE $country IS NULL OR r.country_code = upper($country)
)
SELECT * FROM final
ORDER BY country, first_seen DESC NULLS LAST, id
