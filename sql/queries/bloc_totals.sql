-- name: bloc_totals
-- grain: one row for a bloc (the EU itself and its member states, ...): its latest headline registry entries
--        added up as one, in the columns of country_totals without country_code (the caller names the row,
--        e.g. 'EU bloc') and `largest`; no row when it has none
-- params: $countries (the bloc's codes, data/reference/blocs.csv as etl.filters.Filter.country_codes() expands it),
--         $currencies, $kinds, $statuses, $fundings (lists, empty = all), $date_from, $date_to
-- used-by: the Compare page's bloc column; it holds exactly the latest rows of
--          `aitrack export --table registry --country EU-bloc --headline-only`, summed once here, never by adding
--          up country rows in pandas
WITH filtered AS (
    SELECT *
    FROM filtered_entries($countries, $currencies, $kinds, $statuses, $date_from, $date_to, true, $fundings, true)
),
final AS (
    SELECT
        count(*) AS commitments,
        sum(value_usd) AS total_usd,
        count(value_usd) AS converted,
        count(*) - count(value_usd) AS not_converted,
        count(*) - count(value) AS no_value,
        string_agg(DISTINCT currency, ', ' ORDER BY currency) AS currencies
    FROM filtered
    HAVING count(*) > 0
)
SELECT * FROM final
