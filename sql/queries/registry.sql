-- name: registry
-- grain: one row per registry entry (one commitment, however many documents retell it),
--        with its sources as a list of document ids and its status evidence as a list of
--        (rung, document_id, quote) (highest rung first), newest first within a country
-- params: $country (ISO code or null = all)
-- used-by: `aitrack registry`
WITH
sources AS (
    SELECT entry_id, list(DISTINCT document_id ORDER BY document_id) AS sources
    FROM registry_links WHERE role IN ('record', 'conversion')
    GROUP BY entry_id
),
evidence AS (
    SELECT entry_id,
           list(struct_pack(rung := rung, document_id := document_id, quote := quote)
                ORDER BY rank DESC, published_on DESC NULLS LAST, rung, document_id) AS status_evidence
    FROM registry_status GROUP BY entry_id
),
final AS (
    SELECT r.entry_id AS id, r.country_code AS country, r.kind, r.quote, r.value, r.currency, r.value_usd,
           r.usd_rate, r.rate_on, r.rate_source, r.deadline_year, r.status, r.status_on, r.status_on AS as_of,
           r.latest, r.supersedes, r.n_sources, s.sources, r.first_seen, r.last_seen,
           r.document_id AS figure_from, r.authority, coalesce(e.status_evidence, []) AS status_evidence
    FROM registry r JOIN sources s USING (entry_id)
    LEFT JOIN evidence e USING (entry_id)
    WHERE $country IS NULL OR r.country_code = upper($country)
)
SELECT * FROM final
ORDER BY country, first_seen DESC NULLS LAST, id
