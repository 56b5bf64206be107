-- Review decisions on the commitment registry, after it is linked (etl/reviews.py,
-- Applier.apply_entries): merge two records' entries, split a record out of its entry,
-- reject an entry, set a corrected kind or deadline. Each '-- statement:' runs on its own.

-- statement: entry_of
SELECT l.entry_id, r.first_seen FROM registry_links l JOIN registry r USING (entry_id)
WHERE l.amount_id = $amount_id AND l.role IN ('record', 'conversion');

-- statement: entry
SELECT entry_id, quote, n_sources FROM registry WHERE entry_id = $entry_id;

-- statement: members
SELECT amount_id FROM registry_links WHERE entry_id = $entry_id AND role IN ('record', 'conversion');

-- statement: records
-- an entry's linked records with what choosing its figure and its id reads
SELECT a.amount_id, a.document_id, a.quote, a.start, a."end", a.published_on, a.is_headline, d.publisher, d.url
FROM registry_links l JOIN amounts a USING (amount_id) JOIN documents d ON d.document_id = a.document_id
WHERE l.entry_id = $entry_id AND l.role = 'record';

-- statement: drop_entry
-- a rejected entry takes the mentions it was made of (a commitment or target naming no amount,
-- or naming one of its rejected records) and its status evidence with it
DELETE FROM commitments WHERE commitment_id IN (
    SELECT commitment_id FROM registry_links WHERE entry_id = $entry_id AND commitment_id IS NOT NULL);
DELETE FROM targets WHERE target_id IN (
    SELECT target_id FROM registry_links WHERE entry_id = $entry_id AND target_id IS NOT NULL);
DELETE FROM registry_status WHERE entry_id = $entry_id;
DELETE FROM registry_links WHERE entry_id = $entry_id;
UPDATE registry SET supersedes = NULL WHERE supersedes = $entry_id;
DELETE FROM registry WHERE entry_id = $entry_id;

-- statement: merge
-- the other entry's links join the kept one; the record the reviewer merged says so
UPDATE registry_links SET entry_id = $keep WHERE entry_id = $lose;
UPDATE registry_status SET entry_id = $keep WHERE entry_id = $lose;
UPDATE registry_links SET matched_to = $other, match_weight = NULL, reasons = $reasons
WHERE entry_id = $keep AND role = 'record' AND amount_id = $amount_id;
UPDATE registry SET supersedes = $keep WHERE supersedes = $lose;
UPDATE registry SET supersedes = NULL WHERE entry_id = $keep AND supersedes = $keep;
DELETE FROM registry WHERE entry_id = $lose;

-- statement: split
-- the record and the mentions naming it move to an entry of their own (its id is settled after)
INSERT INTO registry BY NAME  -- by name: the registry's columns may grow
SELECT * REPLACE ($new_id AS entry_id, true AS latest, CAST(NULL AS VARCHAR) AS supersedes, 1 AS n_sources)
FROM registry WHERE entry_id = $entry_id;
UPDATE registry_links SET entry_id = $new_id, matched_to = NULL, match_weight = NULL, reasons = $reasons
WHERE entry_id = $entry_id AND role = 'record' AND amount_id = $amount_id;
UPDATE registry_links SET entry_id = $new_id
WHERE entry_id = $entry_id AND role <> 'record' AND matched_to = $amount_id;

-- statement: settle
-- the entry's figure from the record chosen (most authoritative, then earliest), its span of dates
UPDATE registry SET
    country_code = coalesce(a.country_code, registry.country_code), quote = a.quote, value = a.value,
    currency = a.currency, value_usd = a.value_usd, usd_rate = a.usd_rate, rate_on = a.rate_on,
    rate_source = a.rate_source, amount_id = a.amount_id, document_id = a.document_id, authority = $tier,
    n_sources = s.n_sources, first_seen = s.first_seen, last_seen = s.last_seen, status_on = s.last_seen
FROM amounts a,
     (SELECT count(DISTINCT l.document_id) AS n_sources, min(m.published_on) AS first_seen,
             max(m.published_on) AS last_seen
      FROM registry_links l JOIN amounts m ON m.amount_id = l.amount_id
      WHERE l.entry_id = $entry_id AND l.role = 'record') s
WHERE registry.entry_id = $entry_id AND a.amount_id = $amount_id;

-- statement: rename
UPDATE registry SET entry_id = $new_id WHERE entry_id = $entry_id;
UPDATE registry_links SET entry_id = $new_id WHERE entry_id = $entry_id;
UPDATE registry_status SET entry_id = $new_id WHERE entry_id = $entry_id;
UPDATE registry SET supersedes = $new_id WHERE supersedes = $entry_id;

-- statement: set_kind
UPDATE registry SET kind = $new WHERE entry_id = $entry_id;

-- statement: set_deadline_year
UPDATE registry SET deadline_year = CAST($new AS BIGINT) WHERE entry_id = $entry_id;

-- statement: latest
UPDATE registry SET latest = entry_id NOT IN (SELECT supersedes FROM registry WHERE supersedes IS NOT NULL);
