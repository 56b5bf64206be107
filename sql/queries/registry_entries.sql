-- name: registry_entries
-- grain: one row per registry entry (one commitment, however many documents retell it) passing the filter,
--        its registry columns plus headline, sources (document ids joined by ';'), check_status, funding,
--        fx_status/fx_note of its figure record, figure_publisher; at most $limit rows; filtered_rows repeats
--        how many entries the filter matched before the limit; reviewed/corrected_fields say whether an
--        analyst's decision (corrections_applied, not replaced by a later one) applies to the entry or its figure
-- params: $countries, $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to,
--         $headline_only (bool or null), $latest_only (bool or null = true), $limit (int or null = no limit)
-- used-by: the Commitments page's list of entries, `aitrack export` (registry.csv, --table registry)
WITH filtered AS (
    SELECT *
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, $headline_only,
                          $fundings, $latest_only)
),
matched AS (SELECT count(*) AS filtered_rows FROM filtered),
top AS (  -- the limit first: the joins and the text columns below are paid for the rows shown, not all of them
    SELECT * FROM filtered
    ORDER BY country_code, first_seen NULLS LAST, entry_id
    LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
),
decided AS (  -- decisions applied to the entry itself or to the record it shows (its figure's, or the target or
              -- commitment mention of an entry without one)
    SELECT f.entry_id, count(*) AS n,
           list_sort(list_distinct(list(c.field) FILTER (WHERE c.action = 'correct' AND c.field <> ''))) AS fields
    FROM top f
    JOIN corrections_applied c
      ON c.superseded_by IS NULL AND c.action <> 'reject'
     AND list_contains([f.entry_id, f.amount_id, f.target_id, f.commitment_id], c.applied_to)
    GROUP BY f.entry_id
),
final AS (
    SELECT f.* REPLACE (array_to_string(f.sources, ';') AS sources),
           m.filtered_rows,
           coalesce(v.n, 0) > 0 AS reviewed,
           coalesce(array_to_string(v.fields, ';'), '') AS corrected_fields
    FROM top f
    CROSS JOIN matched m
    LEFT JOIN decided v USING (entry_id)
)
SELECT * FROM final
ORDER BY country_code, first_seen NULLS LAST, entry_id
