-- name: records
-- grain: one row per announced amount, as in v_records
-- params: $countries (list, empty = all), $currencies (list), $kinds (list), $statuses (list),
--         $date_from (date or null), $date_to (date or null), $headline_only (bool or null),
--         $fundings (list: public, private, mixed, unknown)
-- used-by: the Commitments page's table and download, `aitrack export`
WITH final AS (
    SELECT *
    FROM filtered_records($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings)
)
SELECT * FROM final
ORDER BY published_on NULLS LAST, country_code NULLS LAST, document_id, start
