-- Each candidate's content as a hash (etl/registry.py, incremental linking): a pair's score
-- depends only on its two rows of registry_candidates, so a candidate whose id and hash are
-- those of the previous build has the same pairs with every other such candidate. `words`
-- is left out: its word ids are numbered per build (010), and it is made from `sentence`,
-- which is in. A review that corrects a figure or a country changes the hash, not the id.
CREATE OR REPLACE TEMP TABLE registry_candidate_hashes AS
WITH
final AS (
    SELECT unique_id, md5(to_json(c)::VARCHAR) AS row_hash
    FROM (SELECT * EXCLUDE (words) FROM registry_candidates) c
)
SELECT * FROM final;
