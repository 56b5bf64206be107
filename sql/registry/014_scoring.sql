-- registry_scoring: the candidates as Splink reads them in an incremental build, each with
-- is_new (not known to the previous build, 012): etl/registry.py adds "and one side is new"
-- to every blocking rule, so only the pairs 013 does not have are scored.
CREATE OR REPLACE TEMP TABLE registry_scoring AS
WITH
final AS (
    SELECT c.*, k.unique_id IS NULL AS is_new
    FROM registry_candidates c
    LEFT JOIN registry_known k USING (unique_id)
)
SELECT * FROM final;
