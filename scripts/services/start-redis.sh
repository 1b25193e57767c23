#!/usr/bin/env bash
# Installs (apt, as root) and starts a Redis server on 127.0.0.1 for the test suite
# (BullMQ jobs, the cluster's shared router), plus nginx-light for the multi-node tests.
# Idempotent: a Redis already answering on 6379, or the one this script started before,
# is used as it is. No persistence. Prints the URL to use as TEST_REDIS_URL on its last line.
set -euo pipefail

state_dir="${TMPDIR:-/var/tmp}/callsim-redis-$(id -u)"
port_file="${state_dir}/port"

missing=()
command -v redis-server >/dev/null 2>&1 || missing+=(redis-server)
command -v nginx >/dev/null 2>&1 || [ -x /usr/sbin/nginx ] || missing+=(nginx-light)
if [ "${#missing[@]}" -gt 0 ]; then
  if [ "$(id -u)" = 0 ]; then
    DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  elif [[ " ${missing[*]} " == *" redis-server "* ]]; then
    echo "Redis is not installed. Run: sudo apt-get install -y ${missing[*]}" >&2
    exit 1
  else
    echo "nginx is not installed (the multi-node tests need it): sudo apt-get install -y nginx-light" >&2
  fi
fi

answers() { [ "$(redis-cli -h 127.0.0.1 -p "$1" ping 2>/dev/null)" = PONG ]; }
listening() { (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null; }

port=""
if [ -f "${port_file}" ] && answers "$(cat "${port_file}")"; then
  port="$(cat "${port_file}")"
elif answers 6379; then
  port=6379
else
  for candidate in 6379 $(seq 6380 6399); do
    if ! listening "${candidate}"; then
      port="${candidate}"
      break
    fi
  done
  if [ -z "${port}" ]; then
    echo "No free port for Redis in 6379-6399" >&2
    exit 1
  fi
  mkdir -p "${state_dir}"
  # --save '' and no AOF: test data only, nothing written to disk.
  redis-server --port "${port}" --bind 127.0.0.1 --save '' --appendonly no \
    --daemonize yes --pidfile "${state_dir}/redis.pid" --logfile "${state_dir}/redis.log" \
    --dir "${state_dir}"
  echo "${port}" >"${port_file}"
  for _ in $(seq 1 30); do
    answers "${port}" && break
    sleep 0.5
  done
  if ! answers "${port}"; then
    echo "Redis did not answer on 127.0.0.1:${port}; see ${state_dir}/redis.log" >&2
    exit 1
  fi
fi

echo "redis://127.0.0.1:${port}"
