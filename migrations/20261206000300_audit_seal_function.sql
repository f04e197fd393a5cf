-- Sealing through one function instead of an UPDATE by the application: once `xinfang audit
-- harden` hands audit_log, its guard and this function to an owner role of their own, the
-- application's role may only insert rows, read them and call this function, which seals unsealed
-- rows (the guard trigger still refuses anything else). It cannot disable the triggers, replace the
-- guard, update, delete or truncate. Before hardening (the embedded database, or a PostgreSQL set up
-- without it) the function runs as the application's own role, as the UPDATE did.
CREATE FUNCTION audit_seal(seals jsonb, lo bigint, hi bigint) RETURNS integer
LANGUAGE sql SECURITY DEFINER SET search_path = public, pg_temp AS $$
  WITH u AS (
    UPDATE audit_log a SET chain_pos = s.chain_pos, prev_hash = s.prev_hash, hash = s.hash
      FROM jsonb_to_recordset(seals) AS s(id bigint, chain_pos bigint, prev_hash text, hash text)
     WHERE a.id = s.id AND a.chain_pos IS NULL AND a.id BETWEEN lo AND hi
    RETURNING 1
  )
  SELECT count(*)::int FROM u
$$;
