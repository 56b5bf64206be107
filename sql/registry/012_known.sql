-- registry_known: the candidates the previous build scored ($candidates_path, its
-- candidates.parquet: unique_id, row_hash) that are here unchanged. Every pair of two of
-- them is in its pairs.parquet (013); a pair with a new, changed side is scored again.
CREATE OR REPLACE TEMP TABLE registry_known AS
WITH
previous AS (SELECT unique_id, row_hash FROM read_parquet($candidates_path)),
final AS (
    SELECT h.unique_id
    FROM registry_candidate_hashes h
    JOIN previous p USING (unique_id, row_hash)
)
SELECT * FROM final;
