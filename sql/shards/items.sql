-- name: shard_items
-- grain: one row per input of one partition's shard (a document, an ingest reject, or an empty file),
--        in input order: file number, then the item's place in its file
-- params: $path (the partition's items.parquet, written by a Dask worker: etl/dask_engine.py)
-- used-by: etl/dask_engine.py, the load step of `aitrack build --engine dask`
WITH final AS (
    SELECT *
    FROM read_parquet($path)
    ORDER BY _file_no, _item_no
)
SELECT * FROM final
