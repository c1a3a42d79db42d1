INSERT OR REPLACE INTO subscribers
SELECT v.city, v.technology_v, v.month, v.subscribers_v, $run
FROM valid v
WHERE v.nth = v.copies;
