-- name: review_queue
-- grain: one row per item that needs a human look (sql/views/040_review_items.sql says which), in order of
--        priority, with queued_rows: how many items of the chosen kinds there are before the limit
-- params: $threshold (etl.registry.MATCH_WEIGHT_THRESHOLD), $items (list of item kinds, empty or null = all),
--         $waiting_only (bool or null = false: leave out what $decided and $corrected say is decided, as
--         queries/review_counts.sql counts it), $decided, $corrected (lists), $limit (int or null = no limit)
-- used-by: the Review page (a page of the chosen kinds), `aitrack review list` (all)
WITH chosen AS (
    SELECT *
    FROM review_items($threshold)
    WHERE (len(coalesce($items, []::VARCHAR[])) = 0 OR list_contains($items, item))
      AND NOT (coalesce($waiting_only, false)
               AND (coalesce(list_contains(coalesce($decided, []::VARCHAR[]), target_id), false)
                    OR (target_kind = 'check'
                        AND coalesce(list_contains(coalesce($corrected, []::VARCHAR[]), record_id), false))))
),
final AS (
    SELECT *, count(*) OVER () AS queued_rows
    FROM chosen
    ORDER BY priority, published_on NULLS LAST, document_id, target_id
    LIMIT coalesce(CAST($limit AS BIGINT), 9223372036854775807)
)
SELECT * FROM final
ORDER BY priority, published_on NULLS LAST, document_id, target_id
