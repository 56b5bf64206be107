-- name: records
-- grain: one row per announced amount, as in v_records
-- params: $countries (list, empty = all), $currencies (list), $kinds (list), $statuses (list),
--         $date_from (date or null), $date_to (date or null), $headline_only (bool or null)
-- used-by: the Commitments page's table and download, `aitrack export`
WITH final AS (
    SELECT *
    FROM v_records
    WHERE (len(coalesce($countries, []::VARCHAR[])) = 0 OR list_contains($countries, country_code))
      AND (len(coalesce($currencies, []::VARCHAR[])) = 0 OR list_contains($currencies, currency))
      AND (len(coalesce($kinds, []::VARCHAR[])) = 0 OR list_contains($kinds, commitment_kind))
      AND (len(coalesce($statuses, []::VARCHAR[])) = 0 OR list_contains($statuses, check_status))
      AND ($date_from IS NULL OR announced_on >= CAST($date_from AS DATE))
      AND ($date_to IS NULL OR announced_on <= CAST($date_to AS DATE))
      AND (coalesce($headline_only, false) = false OR is_headline)
)
SELECT * FROM final
ORDER BY announced_on NULLS LAST, country_code NULLS LAST, document_id, start
