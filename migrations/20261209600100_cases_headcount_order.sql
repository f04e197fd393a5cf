-- The case list's keyword box sorted by headcount (人数) at 1,000,000 cases (issue #18): two
-- b-tree indexes on `cases` in the list's two headcount orders, ties by date then key, exactly as
-- the list sorts (server/search/search-cases.ts, LIST_ORDER). The keyword list walks the one of
-- its order and tests each case's words, bounded, as it walks the date index for the newest
-- matches; without it every match of a common word was visited and sorted (0.4–0.9 s).
--
-- Two indexes, not one read backwards: the list breaks ties by the key ascending in both
-- directions, which no single index gives. No trigger changes: the indexes follow `cases`
-- (a headcount corrected after registration moves its entries). One b-tree entry more in each
-- per registration (docs/SEARCH.md has the measured cost).
--
-- The same SQL on PostgreSQL 15 and PGlite.

CREATE INDEX cases_headcount_asc ON cases (headcount ASC, received_at DESC, id);
CREATE INDEX cases_headcount_desc ON cases (headcount DESC, received_at DESC, id);
