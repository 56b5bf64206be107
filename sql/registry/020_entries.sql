-- Clusters -> registry entries and their links. Reads the temporary tables etl/registry.py
-- leaves: registry_candidates (010), registry_clusters (unique_id, cluster_id: Splink's
-- connected components at the threshold), registry_pairs (every scored pair with its
-- reasons) and registry_authority (data/reference/publisher_authority.csv, with position).
CREATE OR REPLACE TEMP TABLE registry_members AS
WITH
source_key AS (
    SELECT unique_id, lower(coalesce(publisher, '') || ' ' || coalesce(url, '')) AS source FROM registry_candidates
),
source_authority AS (  -- the first row of publisher_authority.csv that matches the publisher or URL, per
                       -- distinct publisher and URL (matching each record took 0.87 s at 100,000, this 0.09)
    SELECT s.source, arg_min(a.tier, a.position) AS tier, arg_min(a.rank, a.position) AS rank
    FROM (SELECT DISTINCT source FROM source_key) s
    JOIN registry_authority a ON a.match = '*' OR contains(s.source, a.match)
    GROUP BY s.source
),
authority AS (
    SELECT k.unique_id, sa.tier, sa.rank FROM source_key k JOIN source_authority sa USING (source)
),
final AS (
    SELECT c.*, k.cluster_id, au.tier, au.rank,
           -- the entry's id: its earliest record (undated ones last), as content; a target that names no amount
           -- adds its own id, as two targets of one sentence ("train 20,000 specialists ... and be among the top
           -- 3 by 2030") share their quote and offsets (concat_ws skips the NULL, so other ids are as before)
           first_value(left(sha256(concat_ws(chr(31), 'entry', c.document_id, c.quote, c.start, c."end",
                                             CASE WHEN c.record_type = 'target' THEN c.unique_id END)), 16))
               OVER (PARTITION BY k.cluster_id
                     ORDER BY c.published_on NULLS LAST, c.document_id, c.start, c.unique_id) AS entry_id,
           -- the record whose figure the entry shows: most authoritative, then earliest
           row_number() OVER (PARTITION BY k.cluster_id
                              ORDER BY au.rank, c.published_on NULLS LAST, c.is_headline DESC,
                                       c.document_id, c.start, c.unique_id) AS authority_order
    FROM registry_candidates c
    JOIN registry_clusters k USING (unique_id)
    JOIN authority au USING (unique_id)
)
SELECT * FROM final;

INSERT INTO registry
WITH
spans AS (
    SELECT entry_id, min(published_on) AS first_seen, max(published_on) AS last_seen,
           count(DISTINCT document_id) AS n_sources, min(kind) AS any_kind, min(deadline_year) AS any_deadline
    FROM registry_members GROUP BY entry_id
),
chosen AS (SELECT * FROM registry_members WHERE authority_order = 1),
final AS (
    SELECT
        c.entry_id, c.country_code, coalesce(c.kind, s.any_kind) AS kind, c.quote, c.value, c.currency,
        a.value_usd, a.usd_rate, a.rate_on, a.rate_source,
        coalesce(c.deadline_year, s.any_deadline) AS deadline_year,
        -- the first rung of the status ladder; 055_status.sql climbs it from the evidence
        'announced' AS status, s.last_seen AS status_on,
        true AS latest, NULL AS supersedes,
        s.n_sources, s.first_seen, s.last_seen,
        CASE c.record_type WHEN 'amount' THEN c.unique_id END AS amount_id,
        CASE c.record_type WHEN 'target' THEN c.unique_id END AS target_id,
        CASE c.record_type WHEN 'commitment' THEN c.unique_id END AS commitment_id,
        c.document_id, c.tier AS authority
    FROM chosen c
    JOIN spans s USING (entry_id)
    LEFT JOIN amounts a ON a.amount_id = c.unique_id  -- none for a commitment without an amount
)
SELECT * FROM final;

-- Each scored pair once with whether its two records ended in one entry: joined to the
-- members once, instead of once per end of each pair per question (at 100,000 announcements
-- the links took 14.7 s CPU, most of it those joins).
CREATE OR REPLACE TEMP TABLE registry_pair_entries AS
SELECT p.unique_id_l, p.unique_id_r, p.match_weight, p.reasons,
       coalesce(ml.entry_id = mr.entry_id, false) AS inside
FROM registry_pairs p
LEFT JOIN registry_members ml ON ml.unique_id = p.unique_id_l
LEFT JOIN registry_members mr ON mr.unique_id = p.unique_id_r;

INSERT INTO registry_links
WITH
pair_both AS (  -- each scored pair seen from both ends
    SELECT unique_id_l AS unique_id, unique_id_r AS other_id, match_weight, inside FROM registry_pair_entries
    UNION ALL
    SELECT unique_id_r, unique_id_l, match_weight, inside FROM registry_pair_entries
),
best_ids AS (
    -- inside: the strongest pair that joined this record to another of its entry (ties: the
    -- larger id); outside: for a record alone in its entry, the nearest miss, so the reason is said
    SELECT unique_id,
           arg_max(other_id, row(match_weight, other_id)) FILTER (WHERE inside) AS inside_id,
           max(match_weight) FILTER (WHERE inside) AS inside_weight,
           arg_max(other_id, row(match_weight, other_id)) AS nearest_id,
           max(match_weight) AS nearest_weight
    FROM pair_both GROUP BY unique_id
),
best AS (  -- with the inside pair's reasons (a pair is scored once: unique_id_l < unique_id_r), joined
           -- after the choice: carrying the reasons through arg_max took 2.7 s at 100,000, this 0.8 s
    SELECT b.*, pe.reasons AS inside_reasons
    FROM best_ids b
    LEFT JOIN registry_pair_entries pe
      ON pe.unique_id_l = least(b.unique_id, b.inside_id) AND pe.unique_id_r = greatest(b.unique_id, b.inside_id)
),
records AS (
    SELECT m.entry_id, 'record' AS role, CASE m.record_type WHEN 'amount' THEN m.unique_id END AS amount_id,
           CASE m.record_type WHEN 'target' THEN m.unique_id END AS target_id,
           CASE m.record_type WHEN 'commitment' THEN m.unique_id END AS commitment_id,
           m.document_id, b.inside_id AS matched_to, b.inside_weight AS match_weight,
           coalesce(b.inside_reasons,
                    json_object('merged', 'no: no other record scored at or above the threshold',
                                'nearest', b.nearest_id, 'nearest_match_weight', round(b.nearest_weight, 3))::VARCHAR
           ) AS reasons
    FROM registry_members m
    LEFT JOIN best b USING (unique_id)
),
conversions_of AS (  -- "($136.57 billion)": the stated conversion follows its figure
    SELECT m.entry_id, 'conversion' AS role, cv.to_amount_id AS amount_id, NULL, NULL, cv.document_id,
           cv.from_amount_id AS matched_to, NULL::DOUBLE AS match_weight,
           json_object('conversion', 'stated as the conversion of ' || cv.quote)::VARCHAR AS reasons
    FROM conversions cv JOIN registry_members m ON m.unique_id = cv.from_amount_id
    WHERE cv.to_amount_id NOT IN (SELECT unique_id FROM registry_members)
    QUALIFY row_number() OVER (PARTITION BY cv.to_amount_id ORDER BY cv.conversion_id) = 1
),
target_links AS (
    SELECT m.entry_id, 'target', NULL, t.target_id, NULL, t.document_id, t.amount_id, NULL::DOUBLE,
           json_object('target', t.metric || ' ' || t.comparator || coalesce(' by ' || t.year, ''),
                       'names_amount', t.amount_id)::VARCHAR
    FROM targets t JOIN registry_members m ON m.unique_id = t.amount_id
),
commitment_links AS (
    SELECT m.entry_id, 'commitment', NULL, NULL, c.commitment_id, c.document_id, c.amount_id, NULL::DOUBLE,
           json_object('commitment', c.kind || ': ' || c.description, 'names_amount', c.amount_id)::VARCHAR
    FROM commitments c JOIN registry_members m ON m.unique_id = c.amount_id
),
unioned AS (
    SELECT * FROM records UNION ALL SELECT * FROM conversions_of
    UNION ALL SELECT * FROM target_links UNION ALL SELECT * FROM commitment_links
),
final AS (
    SELECT left(sha256(concat_ws(chr(31), 'link', entry_id, role, amount_id, target_id, commitment_id)), 16) AS link_id,
           entry_id, role, amount_id, target_id, commitment_id, document_id, matched_to, match_weight, reasons
    FROM unioned
)
SELECT * FROM final;
