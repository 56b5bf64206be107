-- name: review_counts
-- grain: one row per kind of review item (sql/views/040_review_items.sql): how many there are and how many of
--        them are decided, by a decision the build applied or one saved in the review file since
-- params: $threshold (etl.registry.MATCH_WEIGHT_THRESHOLD), $decided (target ids with a decision),
--         $corrected (record ids whose figure was corrected: a check on them counts as decided too;
--         etl.reviews.decided says both)
-- used-by: the Review page's counts and its choice of item kind
WITH items AS (
    SELECT priority, item, target_kind, target_id, record_id FROM review_items($threshold)
),
final AS (
    SELECT item, min(priority) AS priority, count(*) AS items,
           count(*) FILTER (WHERE coalesce(list_contains(coalesce($decided, []::VARCHAR[]), target_id), false)
                               OR (target_kind = 'check'
                                   AND coalesce(list_contains(coalesce($corrected, []::VARCHAR[]), record_id), false))) AS decided
    FROM items
    GROUP BY item
)
SELECT * FROM final ORDER BY priority, item
