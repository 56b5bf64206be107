-- registry_previous_pairs: the previous build's scored pairs ($pairs_path) whose two records
-- are both known (012), as Splink scored them; pairs of a removed or changed record go.
CREATE OR REPLACE TEMP TABLE registry_previous_pairs AS
WITH
final AS (
    SELECT p.*
    FROM read_parquet($pairs_path) p
    WHERE p.unique_id_l IN (SELECT unique_id FROM registry_known)
      AND p.unique_id_r IN (SELECT unique_id FROM registry_known)
)
SELECT * FROM final;
