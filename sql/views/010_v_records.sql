-- name: v_records (materialised from v_records_live at the end of the build)
-- grain: one row per announced amount (bracketed equivalents are folded into stated_usd)
-- used-by: queries/records.sql, the Commitments page, `aitrack export`
-- The export's column order is this view's; columns are only ever added at the end.
CREATE OR REPLACE VIEW v_records_live AS
WITH
amounts_announced AS (
    SELECT * FROM amounts WHERE NOT bracketed
),
stated AS (
    -- the bracketed equivalent printed next to an amount: "11 trillion roubles ($136.57 billion)"
    SELECT c.from_amount_id AS amount_id, any_value(c.to_value) AS stated_value, any_value(c.to_currency) AS stated_currency,
           any_value(c.implied_rate) AS implied_rate
    FROM conversions c
    GROUP BY c.from_amount_id
),
check_rank AS (
    SELECT *, CASE status WHEN 'fail' THEN 5 WHEN 'warn' THEN 4 WHEN 'unverifiable' THEN 3
                          WHEN 'pass' THEN 2 WHEN 'info' THEN 1 ELSE 0 END AS severity
    FROM checks
),
amount_checks AS (
    SELECT a.amount_id, max(k.severity) AS severity,
           -- every check beside the worst: a passed rounding check next to an unverifiable reference check
           -- shows both ("reference_rate: unverifiable; stated_rate_rounding: pass"), in name order
           string_agg(DISTINCT k."check" || ': ' || k.status, '; '
                      ORDER BY k."check" || ': ' || k.status) AS check_results
    FROM amounts_announced a
    JOIN check_rank k ON k.document_id = a.document_id
         AND k.start IS NOT NULL AND k.start < a."end" AND a.start < k."end"
    GROUP BY a.amount_id
),
document_kind AS (
    -- where the amount's own sentence names no kind, the document's first-named commitment
    SELECT document_id, arg_min(kind, start) AS kind FROM commitments GROUP BY document_id
),
first_commitment AS (
    SELECT amount_id, arg_min(kind, start) AS kind, arg_min(sentence, start) AS sentence
    FROM commitments WHERE amount_id IS NOT NULL
    GROUP BY amount_id
),
target_year AS (
    SELECT amount_id, min(year) AS year FROM targets WHERE amount_id IS NOT NULL GROUP BY amount_id
),
bound_deadline AS (
    -- the deadline of the amount's own sentence that binds it ("€2.4bn by the end of 2027")
    SELECT amount_id, min(year) AS year FROM deadlines
    WHERE binds = 'amount' AND amount_id IS NOT NULL AND year IS NOT NULL GROUP BY amount_id
),
near_deadline AS (
    SELECT a.amount_id, arg_min(d.year, abs(d.start - a."end")) AS year
    FROM amounts_announced a
    JOIN deadlines d ON d.document_id = a.document_id AND d.start BETWEEN a.start - 300 AND a."end" + 300
    GROUP BY a.amount_id
),
final AS (
    SELECT
        a.amount_id AS record_id,
        a.document_id,
        a.country_code,
        d.publisher,
        a.published_on,
        d.title,
        d.url,
        a.quote,
        a.start,
        a."end",
        a.value,
        a.value_min,
        a.value_max,
        a.currency,
        a.qualifier,
        a.currency_inferred,
        a.is_headline,
        a.value_usd,
        a.value_eur,
        a.usd_rate,
        a.eur_rate,
        a.rate_on,
        a.rate_source,
        a.fx_status,
        a.fx_note,
        s.stated_value,
        s.stated_currency,
        s.implied_rate,
        CASE k.severity WHEN 5 THEN 'fail' WHEN 4 THEN 'warn' WHEN 3 THEN 'unverifiable'
                        WHEN 2 THEN 'pass' WHEN 1 THEN 'info' ELSE 'none' END AS check_status,
        coalesce(t.year, b.year, n.year) AS deadline_year,
        coalesce(fc.kind, dk.kind, 'unspecified') AS commitment_kind,
        fc.sentence,
        d.language,
        d.undated,
        a.extractor_version,
        a.funding,
        k.check_results,
        a.funding_quote
    FROM amounts_announced a
    JOIN documents d USING (document_id)
    LEFT JOIN stated s ON s.amount_id = a.amount_id
    LEFT JOIN amount_checks k ON k.amount_id = a.amount_id
    LEFT JOIN first_commitment fc ON fc.amount_id = a.amount_id
    LEFT JOIN document_kind dk ON dk.document_id = a.document_id
    LEFT JOIN target_year t ON t.amount_id = a.amount_id
    LEFT JOIN bound_deadline b ON b.amount_id = a.amount_id
    LEFT JOIN near_deadline n ON n.amount_id = a.amount_id
)
SELECT * FROM final;

-- The database is never written after a build, so the view is computed once here:
-- recomputing it per query cost 100-500 ms at 100,000 announcements (bench/RESULTS.md).
-- v_records keeps its name so every query and export reads the same columns.
CREATE TABLE v_records AS
SELECT * FROM v_records_live
ORDER BY published_on NULLS LAST, country_code NULLS LAST, document_id, start;
