-- name: overview
-- grain: one row: the headline numbers
-- params: $as_of (date or null: today)
-- used-by: the Overview page
WITH final AS (
    SELECT
        (SELECT count(DISTINCT country_code) FROM v_records WHERE country_code IS NOT NULL) AS countries,
        (SELECT count(*) FROM v_records WHERE is_headline) AS commitments,
        (SELECT sum(value_usd) FROM v_records WHERE is_headline) AS total_usd,
        (SELECT count(*) FROM v_records WHERE is_headline AND value_usd IS NULL) AS not_converted,
        (SELECT count(DISTINCT year) FROM deadlines
          WHERE year >= year(coalesce(CAST($as_of AS DATE), current_date))) AS upcoming_deadline_years,
        (SELECT count(*) FROM documents) AS documents,
        (SELECT count(*) FROM rejects) AS rejects,
        (SELECT count(*) FROM checks WHERE status = 'fail') AS failed_checks
)
SELECT * FROM final
