INSERT INTO subscribers
SELECT v.city, v.technology_v, v.month, v.subscribers_v, $run
FROM valid v;
