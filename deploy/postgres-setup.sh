#!/bin/sh
# Creates Xinfang's PostgreSQL role and database. Run once on the database server, as root, as
# the postgres account, or with sudo rights to it:   sh deploy/postgres-setup.sh [ROLE] [DATABASE]
# The password is read from XF_DB_PASSWORD, or asked on the terminal (not echoed).
# Safe to run again: an existing role keeps its password unless XF_DB_PASSWORD is set; an
# existing database is left as it is (its collation is checked and reported).
set -eu
role=${1:-xinfang}
db=${2:-xinfang}
case "$role$db" in *[!a-z0-9_]*) echo "role and database: lower-case letters, digits and _ only" >&2; exit 2 ;; esac

# The password reaches psql in the environment (\getenv), never on a command line.
run_psql() {
  if [ "$(id -un)" = postgres ]; then psql -X -q -v ON_ERROR_STOP=1 "$@"
  elif [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- psql -X -q -v ON_ERROR_STOP=1 "$@")
  else (cd / && sudo --preserve-env=XF_SETUP_PW -u postgres psql -X -q -v ON_ERROR_STOP=1 "$@"); fi
}

password=${XF_DB_PASSWORD:-}
if [ -z "$password" ] && [ -t 0 ]; then
  printf '数据库账户 %s 的密码 / password for %s: ' "$role" "$role" >&2
  stty -echo; read -r password; stty echo; echo >&2
fi

XF_SETUP_PW=$password
export XF_SETUP_PW
run_psql -d postgres -v role="$role" -v db="$db" <<'SQL'
\getenv pw XF_SETUP_PW
SET client_min_messages = warning;
SELECT NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = :'role') AS new_role, :'pw' <> '' AS has_pw \gset
\if :new_role
  \if :has_pw
    CREATE ROLE :"role" LOGIN PASSWORD :'pw';
  \else
    DO $$ BEGIN RAISE EXCEPTION 'a new role needs a password: set XF_DB_PASSWORD or run on a terminal'; END $$;
  \endif
\elif :has_pw
  ALTER ROLE :"role" PASSWORD :'pw';
\endif
SELECT NOT EXISTS (SELECT 1 FROM pg_database WHERE datname = :'db') AS new_db \gset
\if :new_db
  -- UTF-8 with a UTF-8 ctype: with LC_CTYPE 'C' pg_trgm ignores Chinese characters.
  CREATE DATABASE :"db" OWNER :"role" ENCODING 'UTF8' LC_COLLATE 'C.UTF-8' LC_CTYPE 'C.UTF-8' TEMPLATE template0;
\endif
\connect :db
SET client_min_messages = warning;
-- The migrations need pg_trgm (trusted since PostgreSQL 13; created here so the role needs no more).
CREATE EXTENSION IF NOT EXISTS pg_trgm;
ALTER SCHEMA public OWNER TO :"role";
SELECT datname, pg_encoding_to_char(encoding) AS encoding, datcollate, datctype
  FROM pg_database WHERE datname = :'db';
SQL
