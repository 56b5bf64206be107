-- Sources of one entry that disagree with the record the entry shows (its most
-- authoritative source) on the figure, the currency or the deadline year: one
-- `across_sources` check row each, with the arithmetic. The entry keeps its own figure;
-- nothing is averaged. A difference within the printed rounding ("11 trillion" against
-- "11,2 трлн") is info; beyond it, or another currency or year, is a warning.
INSERT INTO checks
WITH
chosen AS (SELECT * FROM registry_members WHERE authority_order = 1),
others AS (
    SELECT m.*, c.value AS c_value, c.currency AS c_currency, c.deadline_year AS c_deadline,
           c.quote AS c_quote, c.publisher AS c_publisher, c.tier AS c_tier, c.value_tolerance AS c_tolerance
    FROM registry_members m JOIN chosen c USING (entry_id)
    WHERE m.document_id <> c.document_id
      AND m.record_type = 'amount'  -- the arithmetic is of figures; entries without one have none
),
disagreements AS (
    SELECT *,
        CASE WHEN currency IS DISTINCT FROM c_currency THEN 'currency'
             WHEN abs(value - c_value) > 1e-9 * abs(c_value) THEN 'figure'
             WHEN deadline_year IS NOT NULL AND c_deadline IS NOT NULL AND deadline_year <> c_deadline
                  THEN 'deadline' END AS what,
        100 * (value - c_value) / nullif(c_value, 0) AS difference_pct
    FROM others
),
final AS (
    SELECT
        left(sha256(concat_ws(chr(31), document_id, 'check', 'across_sources', entry_id, unique_id)), 16) AS check_id,
        document_id,
        'across_sources' AS "check",
        CASE WHEN what = 'figure' AND abs(value - c_value) <= greatest(value_tolerance, c_tolerance)
             THEN 'info' ELSE 'warn' END AS status,
        format('registry entry {}: {} gives {} ({} {:,.0f}) but the entry shows {} ({} {:,.0f}) from {} ({}); ',
               entry_id, coalesce(publisher, document_id), quote, coalesce(currency, '?'), value,
               c_quote, coalesce(c_currency, '?'), c_value, coalesce(c_publisher, 'an unnamed publisher'), c_tier)
        || CASE what
             WHEN 'currency' THEN format('currencies differ ({} against {}), so the figures are not compared',
                                         coalesce(currency, '?'), coalesce(c_currency, '?'))
             WHEN 'figure' THEN format('{:,.0f} - {:,.0f} = {:,.0f}, {:.2f}% of the entry''s figure, {} the printed '
                                       'rounding (+/- {:,.0f})',
                                       value, c_value, value - c_value, difference_pct,
                                       CASE WHEN abs(value - c_value) <= greatest(value_tolerance, c_tolerance)
                                            THEN 'within' ELSE 'beyond' END,
                                       greatest(value_tolerance, c_tolerance))
             ELSE format('deadline {} against {}', deadline_year, c_deadline) END AS detail,
        quote AS subject,
        start, "end",
        NULL::DOUBLE AS implied_rate, NULL::DOUBLE AS reference_rate,
        CASE WHEN what = 'figure' THEN difference_pct END AS difference_pct,
        NULL AS rate_source, NULL AS rate_on,
        (SELECT value FROM build_info WHERE key = 'extractor_version') AS extractor_version
    FROM disagreements
    WHERE what IS NOT NULL
)
SELECT * FROM final;
