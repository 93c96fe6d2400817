#!/usr/bin/env bash
# `make loadtest`: the production stack on loopback (gunicorn, PostgreSQL, Redis, a Celery
# worker), a headless locust run, the lost-write check and the docs/performance.md section.
set -euo pipefail
cd "$(dirname "$0")/../.."

USERS=${LOADTEST_USERS:-20}
DURATION=${LOADTEST_DURATION:-60}
export DATABASE_URL=${DATABASE_URL:-postgres://postgres@127.0.0.1:5432/qalam_load}
export CELERY_BROKER_URL=${CELERY_BROKER_URL:-redis://127.0.0.1:6379/12}
export CELERY_RESULT_BACKEND=${CELERY_RESULT_BACKEND:-$CELERY_BROKER_URL}
export CACHE_URL=${CACHE_URL:-$CELERY_BROKER_URL}
export DEBUG=0
export SECRET_KEY=${SECRET_KEY:-qalam-loadtest-only-secret-key-kkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkkk}
export QALAM_KEY_ENCRYPTION_KEY=${QALAM_KEY_ENCRYPTION_KEY:-qalam-loadtest-only-key-encryption-key}
export ALLOWED_HOSTS=127.0.0.1,localhost
export QALAM_VAR_DIR=$PWD/var/loadtest/var
export DJANGO_SETTINGS_MODULE=config.settings
OUT=var/loadtest
export QALAM_LOADTEST_WRITES=$OUT/writes.jsonl
PY=.venv/bin/python

rm -rf "$OUT" && mkdir -p "$OUT" "$QALAM_VAR_DIR"
PORT=$($PY -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
export QALAM_BASE_URL=http://127.0.0.1:$PORT CSRF_TRUSTED_ORIGINS=http://127.0.0.1:$PORT

# A fresh database and Redis db each run.
DB_NAME=${DATABASE_URL##*/}
ADMIN_URL=${DATABASE_URL%/*}/postgres
psql -q "$ADMIN_URL" -c "DROP DATABASE IF EXISTS \"$DB_NAME\" WITH (FORCE)" -c "CREATE DATABASE \"$DB_NAME\""
$PY - <<PYEOF
import redis
redis.Redis.from_url("$CELERY_BROKER_URL").flushdb()
PYEOF
$PY manage.py migrate --no-input -v 0
$PY manage.py seed_demo > "$OUT/seed.log"
$PY manage.py collectstatic --no-input -v 0

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

.venv/bin/celery -A config worker -l WARNING --concurrency 2 > "$OUT/worker.log" 2>&1 &
PIDS+=($!)
.venv/bin/gunicorn config.wsgi --workers 4 --bind "127.0.0.1:$PORT" \
    --access-logfile "$OUT/access.log" --error-logfile "$OUT/gunicorn.log" &
PIDS+=($!)
for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 1; done

STARTED=$(date -u +"%Y-%m-%d %H:%M UTC")
var/loadtest-venv/bin/locust -f bench/load/locustfile.py --headless --only-summary \
    -u "$USERS" -r 5 -t "${DURATION}s" --host "http://127.0.0.1:$PORT" \
    --csv "$OUT/locust" --exit-code-on-error 0 > "$OUT/locust.log" 2>&1
cleanup
PIDS=()
$PY bench/load/check.py --csv "$OUT/locust_stats.csv" --failures "$OUT/locust_failures.csv" \
    --writes "$QALAM_LOADTEST_WRITES" --users "$USERS" --duration "$DURATION" \
    --started "$STARTED" --doc docs/performance.md
