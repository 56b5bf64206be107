-- name: registry_links_export
-- grain: one row per registry link (a record, stated conversion, target or commitment mention merged into an
--        entry) of the entries the filter keeps, with the linked row's publisher, date and quote as printed
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to,
--         $headline_only (bool or null), $latest_only (bool or null = true)
-- used-by: `aitrack export` (registry_links.csv in the zip)
WITH
entries AS (
    SELECT entry_id
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings, $latest_only)
),
final AS (
    SELECT l.*, d.publisher, d.published_on,
           coalesce(a.quote, t.quote, c.quote) AS quote
    FROM registry_links l
    JOIN entries USING (entry_id)
    JOIN documents d ON d.document_id = l.document_id
    LEFT JOIN amounts a ON a.amount_id = l.amount_id
    LEFT JOIN targets t ON t.target_id = l.target_id
    LEFT JOIN commitments c ON c.commitment_id = l.commitment_id
)
SELECT * FROM final
ORDER BY entry_id, CASE role WHEN 'record' THEN 0 WHEN 'conversion' THEN 1 WHEN 'target' THEN 2 ELSE 3 END,
         published_on NULLS LAST, link_id
