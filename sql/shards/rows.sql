-- name: shard_rows
-- grain: one row per record of one table in one partition's shard, in input order (file number, the
--        document's place in its file, then the record's place in the document's extraction)
-- params: $path (the partition's <table>.parquet, written by a Dask worker: etl/dask_engine.py)
-- used-by: etl/dask_engine.py, the load step of `aitrack build --engine dask`
WITH final AS (
    SELECT *
    FROM read_parquet($path)
    ORDER BY _file_no, _item_no, _row_no
)
SELECT * FROM final
