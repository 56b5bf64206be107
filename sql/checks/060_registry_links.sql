-- The registry is whole: every link's entry exists, every entry has the record it shows
-- among its links, every amount record with a country and a value is in exactly one
-- entry (as a linked record or as the stated conversion of one), and so is every
-- commitment mention and target with a country that names no amount (as a record).
SELECT link_id AS id FROM registry_links WHERE entry_id NOT IN (SELECT entry_id FROM registry)
UNION ALL
SELECT entry_id FROM registry r
WHERE NOT EXISTS (SELECT 1 FROM registry_links l
                  WHERE l.entry_id = r.entry_id AND l.role = 'record'
                    AND l.amount_id IS NOT DISTINCT FROM r.amount_id AND l.target_id IS NOT DISTINCT FROM r.target_id
                    AND l.commitment_id IS NOT DISTINCT FROM r.commitment_id)
UNION ALL
SELECT a.amount_id FROM amounts a
WHERE a.country_code IS NOT NULL AND a.value IS NOT NULL
  AND (SELECT count(*) FROM registry_links l
       WHERE l.amount_id = a.amount_id AND l.role IN ('record', 'conversion')) <> 1
UNION ALL
SELECT c.commitment_id FROM commitments c
WHERE c.country_code IS NOT NULL AND c.amount_id IS NULL
  AND (SELECT count(*) FROM registry_links l WHERE l.commitment_id = c.commitment_id AND l.role = 'record') <> 1
UNION ALL
SELECT t.target_id FROM targets t
WHERE t.country_code IS NOT NULL AND t.amount_id IS NULL
  AND (SELECT count(*) FROM registry_links l WHERE l.target_id = t.target_id AND l.role = 'record') <> 1
UNION ALL
SELECT entry_id FROM registry WHERE supersedes IS NOT NULL AND supersedes NOT IN (SELECT entry_id FROM registry)
