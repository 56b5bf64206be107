-- Review decisions on the commitment registry (etl/reviews.py): merge two records' entries and split
-- a record out of its entry on Splink's clusters, before the entries are made from them
-- (Applier.regroup); once they are made (Applier.apply_entries), say so on the links, reject an
-- entry, set a corrected kind or deadline. Each '-- statement:' runs on its own.

-- statement: entry_of
SELECT l.entry_id, r.first_seen FROM registry_links l JOIN registry r USING (entry_id)
WHERE l.amount_id = $amount_id AND l.role IN ('record', 'conversion');

-- statement: entry
SELECT entry_id, quote, n_sources FROM registry WHERE entry_id = $entry_id;

-- statement: members
SELECT amount_id FROM registry_links
WHERE entry_id = $entry_id AND role IN ('record', 'conversion') AND amount_id IS NOT NULL;

-- statement: drop_entry
-- a rejected entry takes the mentions it was made of (a commitment or target naming no amount,
-- or naming one of its rejected records) and its status evidence with it
DELETE FROM commitments WHERE commitment_id IN (
    SELECT commitment_id FROM registry_links WHERE entry_id = $entry_id AND commitment_id IS NOT NULL);
DELETE FROM targets WHERE target_id IN (
    SELECT target_id FROM registry_links WHERE entry_id = $entry_id AND target_id IS NOT NULL);
DELETE FROM registry_status WHERE entry_id = $entry_id;
-- and the registry's check rows about it (sql/registry/040, 055 name their entry first)
DELETE FROM checks WHERE "check" IN ('across_sources', 'deadline_passed', 'status_conflict')
                     AND starts_with(detail, 'registry entry ' || $entry_id || ':');
DELETE FROM registry_links WHERE entry_id = $entry_id;
UPDATE registry SET supersedes = NULL WHERE supersedes = $entry_id;
DELETE FROM registry WHERE entry_id = $entry_id;

-- statement: record_kind
-- what a record id names in this build: an amount, a target or a commitment mention
SELECT 'amount' FROM amounts WHERE amount_id = $record_id
UNION ALL SELECT 'target' FROM targets WHERE target_id = $record_id
UNION ALL SELECT 'commitment' FROM commitments WHERE commitment_id = $record_id;

-- statement: cluster_of
-- the cluster of a record (Splink's, as the reviews so far regrouped it, before any entry is made from
-- it): the record's own, or for the far side of a stated conversion that of the figure it converts,
-- which it follows into its entry
SELECT unique_id, cluster_id FROM (
    SELECT k.unique_id, k.cluster_id, 0 AS how FROM registry_clusters k WHERE k.unique_id = $record_id
    UNION ALL
    SELECT k.unique_id, k.cluster_id, 1 FROM conversions cv
    JOIN registry_clusters k ON k.unique_id = cv.from_amount_id
    WHERE cv.to_amount_id = $record_id
)
ORDER BY how, unique_id
LIMIT 1;

-- statement: cluster_size
SELECT count(*) FROM registry_clusters WHERE cluster_id = $cluster_id;

-- statement: merge
-- the other record's cluster joins this one; the entry, its figure, id, sources, dates, supersedes,
-- across_sources checks and status are then made from the clusters (sql/registry/020-055)
UPDATE registry_clusters SET cluster_id = $keep WHERE cluster_id = $lose;

-- statement: split
-- the record to a cluster of its own (the mentions naming it follow it when the links are made)
UPDATE registry_clusters SET cluster_id = $new_id WHERE unique_id = $unique_id;

-- statement: review_link
-- once the entries are made: the record a reviewer merged or split out says so, instead of the
-- pair Splink scored
UPDATE registry_links SET matched_to = $other, match_weight = NULL, reasons = $reasons
WHERE role = 'record' AND coalesce(amount_id, target_id, commitment_id) = $unique_id;

-- statement: entry_of_record
SELECT l.entry_id, r.n_sources FROM registry_links l JOIN registry r USING (entry_id)
WHERE l.role = 'record' AND coalesce(l.amount_id, l.target_id, l.commitment_id) = $unique_id;

-- statement: set_kind
UPDATE registry SET kind = $new WHERE entry_id = $entry_id;

-- statement: set_deadline_year
UPDATE registry SET deadline_year = CAST($new AS BIGINT) WHERE entry_id = $entry_id;

-- statement: latest
UPDATE registry SET latest = entry_id NOT IN (SELECT supersedes FROM registry WHERE supersedes IS NOT NULL);
