-- name: review_items (table macro)
-- grain: one row per item that needs a human look: a failed, warned or unverifiable check, an amount
--        whose currency was inferred, an amount without a country, and a registry link within 2 of the
--        match-weight threshold (merged just above it, or left alone just below it); each with the
--        record it concerns (record_id: an amount, whose fields a reviewer may correct; none for a
--        target or commitment mention that names no amount, whose own id is the target_id); unordered
-- params: threshold_ (etl.registry.MATCH_WEIGHT_THRESHOLD)
-- used-by: queries/review_queue.sql (the rows, in order, a page at a time) and queries/review_counts.sql
--          (how many of each item, and how many are decided), so the Review page's counts and its list
--          are one definition; at 100,000 announcements the queue has ~10^5 items, which no page shows at once
CREATE OR REPLACE MACRO review_items(threshold_) AS TABLE
WITH
params AS (SELECT CAST(threshold_ AS DOUBLE) AS threshold),
records AS (
    SELECT r.record_id, r.document_id, r.quote, r.start, r."end", r.country_code, r.value, r.value_min,
           r.value_max, r.currency, r.qualifier, r.commitment_kind AS kind, r.deadline_year, r.funding,
           r.publisher, r.published_on, a.currency_raw
    FROM v_records r JOIN amounts a ON a.amount_id = r.record_id
),
checked AS (  -- a check and the record its span overlaps (the first one), if any
    SELECT c.check_id, c.document_id, c.subject, c."check", c.status, c.detail,
           arg_min(r.record_id, r.start) AS record_id
    FROM checks c
    LEFT JOIN records r ON r.document_id = c.document_id AND c.start IS NOT NULL
         AND c.start < r."end" AND r.start < c."end"
    WHERE c.status IN ('fail', 'warn', 'unverifiable')
    GROUP BY ALL
),
items AS (
    SELECT CASE status WHEN 'fail' THEN 1 WHEN 'warn' THEN 2 ELSE 3 END AS priority,
           'check ' || status AS item, 'check' AS target_kind, check_id AS target_id, record_id,
           document_id AS item_document_id, subject AS item_quote, "check" AS check_name, detail,
           NULL AS other_id, NULL::DOUBLE AS match_weight
    FROM checked
    UNION ALL
    -- a record that names no amount (a target or a commitment mention, sql/registry/010_candidates.sql) is
    -- the target itself, by the id registry_links stores, so a decision on it can be applied
    SELECT 4, 'registry link near the threshold',
           CASE WHEN l.amount_id IS NOT NULL THEN 'amount' WHEN l.target_id IS NOT NULL THEN 'target'
                ELSE 'commitment' END,
           coalesce(l.amount_id, l.target_id, l.commitment_id), l.amount_id, l.document_id,
           CASE WHEN l.amount_id IS NULL THEN coalesce(t.quote, m.quote) END, NULL,
           CASE WHEN l.match_weight IS NOT NULL
                THEN printf('merged with %s at match weight %.2f, within 2 of the threshold %s: split it out if '
                            'it is another commitment', l.matched_to, l.match_weight, CAST(p.threshold AS VARCHAR))
                ELSE printf('left alone: its nearest record %s scored %.2f, within 2 below the threshold %s: '
                            'merge them if they are one commitment',
                            json_extract_string(l.reasons, '$.nearest'),
                            CAST(json_extract(l.reasons, '$.nearest_match_weight') AS DOUBLE), CAST(p.threshold AS VARCHAR)) END,
           coalesce(l.matched_to, json_extract_string(l.reasons, '$.nearest')),
           coalesce(l.match_weight, CAST(json_extract(l.reasons, '$.nearest_match_weight') AS DOUBLE))
    FROM registry_links l CROSS JOIN params p
    LEFT JOIN targets t ON t.target_id = l.target_id
    LEFT JOIN commitments m ON m.commitment_id = l.commitment_id
    WHERE l.role = 'record'
      AND ((l.match_weight >= p.threshold AND l.match_weight < p.threshold + 2)
           OR (l.match_weight IS NULL AND CAST(json_extract(l.reasons, '$.nearest_match_weight') AS DOUBLE)
               BETWEEN p.threshold - 2 AND p.threshold))
    UNION ALL
    SELECT 5, 'no country', 'amount', record_id, record_id, document_id, NULL, NULL,
           'the document names no country this amount belongs to', NULL, NULL
    FROM records WHERE country_code IS NULL
    UNION ALL
    SELECT 6, 'currency inferred', 'amount', record_id, record_id, document_id, NULL, NULL,
           printf('the text writes %s and the currency was read as %s from the context',
                  coalesce(currency_raw, 'no currency'), coalesce(currency, 'none')), NULL, NULL
    FROM records r WHERE EXISTS (SELECT 1 FROM amounts a WHERE a.amount_id = r.record_id AND a.currency_inferred)
),
final AS (
    SELECT i.priority, i.item, i.target_kind, i.target_id, i.record_id,
           coalesce(r.document_id, i.item_document_id) AS document_id,
           coalesce(i.item_quote, r.quote) AS quote, i.check_name, i.detail, i.other_id, i.match_weight,
           r.quote AS record_quote, r.country_code, r.value, r.value_min, r.value_max, r.currency, r.qualifier,
           r.kind, r.deadline_year, r.funding, d.publisher, d.published_on, d.title
    FROM items i
    LEFT JOIN records r ON r.record_id = i.record_id
    LEFT JOIN documents d ON d.document_id = coalesce(r.document_id, i.item_document_id)
)
SELECT * FROM final;
