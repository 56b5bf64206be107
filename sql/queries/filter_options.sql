-- name: filter_options
-- grain: one row: the values each dashboard filter can take, from the records themselves
-- params: none
-- used-by: the Commitments and Export pages' filter controls
WITH r AS (
    SELECT country_code, currency, commitment_kind, check_status, funding, announced_on FROM v_records
),
final AS (
    SELECT
        list_sort(list_distinct(list(country_code))) AS countries,
        list_sort(list_distinct(list(currency))) AS currencies,
        list_sort(list_distinct(list(commitment_kind))) AS kinds,
        list_sort(list_distinct(list(check_status))) AS statuses,
        list_sort(list_distinct(list(funding))) AS fundings,
        min(announced_on) AS first_on,
        max(announced_on) AS last_on,
        count(*) AS records
    FROM r
)
SELECT * FROM final
