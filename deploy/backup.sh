#!/bin/sh
# One backup: the database (bin/xinfang backup) and, in a folder of its own, the key ring and the
# audit anchors. Run by xinfang-backup.service; by hand: sh deploy/backup.sh (as the xinfang account,
# with the settings of /etc/xinfang/xinfang.env in the environment).
# With the embedded database stop the server first (one process per data folder); with PostgreSQL
# it runs beside the server.
set -eu
app=$(cd "$(dirname "$0")/.." && pwd)
dir=${XF_BACKUP_DIR:-/var/backups/xinfang}
keep=${XF_BACKUP_KEEP_DAYS:-30}
data=${XF_DATA_DIR:-$app/data}
stamp=$(date +%Y%m%d-%H%M%S)
umask 077
mkdir -p "$dir/db" "$dir/keys"

node "$app/server/main.js" backup "$dir/db/xinfang-$stamp.backup.gz"

# The key ring, apart from the database backups (copy this folder to other media than db/).
ring="$dir/keys/keyring-$stamp.json"
if [ -n "${XF_KEY_RING:-}" ]; then printf '%s\n' "$XF_KEY_RING" >"$ring"
elif [ -f "$data/keyring.json" ]; then cp "$data/keyring.json" "$ring"
else
  echo "[backup] 没有密钥环：未设置 XF_KEY_RING，$data/keyring.json 也不存在（首次 serve 时生成）/ no key ring: XF_KEY_RING is unset and $data/keyring.json does not exist (the first serve makes it)" >&2
  exit 1
fi
last=$(ls -1 "$dir/keys"/keyring-*.json | grep -v "$ring" | tail -n 1 || true)
if [ -n "$last" ] && cmp -s "$last" "$ring"; then rm "$ring"; else echo "[backup] key ring copied to $ring"; fi
if [ -f "$data/audit-anchors.jsonl" ]; then cp "$data/audit-anchors.jsonl" "$dir/db/audit-anchors-$stamp.jsonl"; fi

# Database backups older than XF_BACKUP_KEEP_DAYS go; key ring copies stay (old backups need them).
find "$dir/db" -type f -mtime +"$keep" -delete
echo "[backup] done: $dir/db/xinfang-$stamp.backup.gz"
