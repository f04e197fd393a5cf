#!/bin/sh
# deploy/with-env.sh COMMAND [ARGS…]: runs COMMAND with the settings the service uses
# (XF_ENV_FILE, default /etc/xinfang/xinfang.env), e.g. as the xinfang account:
#   sudo -u xinfang deploy/with-env.sh bin/xinfang migrate
set -eu
env_file=${XF_ENV_FILE:-/etc/xinfang/xinfang.env}
set -a
# shellcheck disable=SC1090
. "$env_file"
set +a
exec "$@"
