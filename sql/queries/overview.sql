-- name: overview
-- grain: one row: the headline numbers
-- params: $as_of (date or null: today)
-- used-by: the Overview page
WITH recs AS (
    SELECT
        count(DISTINCT country_code) AS countries,
        count(*) FILTER (WHERE is_headline) AS commitments,
        sum(value_usd) FILTER (WHERE is_headline) AS total_usd,
        count(*) FILTER (WHERE is_headline AND value_usd IS NULL) AS not_converted
    FROM v_records
),
final AS (
    SELECT
        recs.countries,
        recs.commitments,
        recs.total_usd,
        recs.not_converted,
        (SELECT count(DISTINCT year) FROM deadlines
          WHERE year >= year(coalesce(CAST($as_of AS DATE), current_date))) AS upcoming_deadline_years,
        (SELECT count(*) FROM documents) AS documents,
        (SELECT count(*) FROM rejects) AS rejects,
        (SELECT count(*) FROM checks WHERE status = 'fail') AS failed_checks
    FROM recs
)
SELECT * FROM final
