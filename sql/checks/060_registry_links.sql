-- The registry is whole: every link's entry exists, every entry has the record it shows
-- among its links, and every amount record with a country and a value is in exactly one
-- entry (as a linked record or as the stated conversion of one).
SELECT link_id AS id FROM registry_links WHERE entry_id NOT IN (SELECT entry_id FROM registry)
UNION ALL
SELECT entry_id FROM registry r
WHERE NOT EXISTS (SELECT 1 FROM registry_links l
                  WHERE l.entry_id = r.entry_id AND l.amount_id = r.amount_id AND l.role = 'record')
UNION ALL
SELECT a.amount_id FROM amounts a
WHERE a.country_code IS NOT NULL AND a.value IS NOT NULL
  AND (SELECT count(*) FROM registry_links l
       WHERE l.amount_id = a.amount_id AND l.role IN ('record', 'conversion')) <> 1
UNION ALL
SELECT entry_id FROM registry WHERE supersedes IS NOT NULL AND supersedes NOT IN (SELECT entry_id FROM registry)
