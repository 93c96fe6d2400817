#!/usr/bin/env bash
# `make loadtest`: the production stack on loopback (gunicorn, PostgreSQL, Redis, a Celery
# worker), a headless locust run, the lost-write check and the docs/performance.md section.
# SCENARIO=mixed (default): LOADTEST_USERS users for LOADTEST_DURATION s.
# SCENARIO=deadline: the deadline surge in steps of LOADTEST_STEPS concurrent entrants
# (default "50 100 200 300 400 500"), LOADTEST_DURATION s each (default 90) after everyone
# has signed in (LOADTEST_SPAWN_RATE people a second, default 10).
set -euo pipefail
cd "$(dirname "$0")/../.."

SCENARIO=${SCENARIO:-mixed}
case "$SCENARIO" in
    mixed) DURATION=${LOADTEST_DURATION:-60} ;;
    deadline) DURATION=${LOADTEST_DURATION:-90} ;;
    *) echo "loadtest: unknown SCENARIO=$SCENARIO (mixed or deadline)" >&2; exit 2 ;;
esac
USERS=${LOADTEST_USERS:-20}
STEPS=${LOADTEST_STEPS:-50 100 200 300 400 500}
SPAWN_RATE=${LOADTEST_SPAWN_RATE:-10}
# Production's serving (config/gunicorn.py): a pool connection per thread.
export GUNICORN_WORKERS=${GUNICORN_WORKERS:-$(( $(nproc) + 1 ))}
export GUNICORN_THREADS=${GUNICORN_THREADS:-4}
export QALAM_DB_POOL_SIZE=${QALAM_DB_POOL_SIZE:-$GUNICORN_THREADS}
# As behind production's proxy: each simulated user has its own address, which the
# locustfile sends in X-Forwarded-For (else every sign-in would share 127.0.0.1's
# limit and allauth's lock for it).
export QALAM_BEHIND_PROXY=1 QALAM_TRUSTED_PROXY_COUNT=1
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
if [ "$SCENARIO" = deadline ]; then
    total=0; for n in $STEPS; do total=$(( total + n )); done
    $PY bench/load/surge_setup.py "$total" >> "$OUT/seed.log"
fi
$PY manage.py collectstatic --no-input -v 0

PIDS=()
cleanup() { for pid in "${PIDS[@]}"; do kill "$pid" 2>/dev/null || true; done; wait 2>/dev/null || true; }
trap cleanup EXIT INT TERM

.venv/bin/celery -A config worker -l WARNING --concurrency 2 > "$OUT/worker.log" 2>&1 &
PIDS+=($!)
GUNICORN_BIND=127.0.0.1:$PORT GUNICORN_ACCESS_LOG=$OUT/access.log \
    .venv/bin/gunicorn -c config/gunicorn.py config.wsgi --error-logfile "$OUT/gunicorn.log" &
PIDS+=($!)
for _ in $(seq 60); do curl -fs -o /dev/null "http://127.0.0.1:$PORT/" && break; sleep 1; done

STARTED=$(date -u +"%Y-%m-%d %H:%M UTC")
if [ "$SCENARIO" = deadline ]; then
    offset=0
    for n in $STEPS; do
        step=$OUT/deadline/step-$n
        mkdir -p "$step"
        readers=$(( n / 5 > 10 ? n / 5 : 10 ))
        users=$(( n + 6 + readers ))
        cat > "$step/meta.json" <<JSON
{"entrants": $n, "users": $users, "duration": $DURATION, "spawn_rate": $SPAWN_RATE,
 "workers": $GUNICORN_WORKERS,
 "threads": $GUNICORN_THREADS, "pool": $QALAM_DB_POOL_SIZE,
 "pool_ceiling": $(( GUNICORN_WORKERS * QALAM_DB_POOL_SIZE ))}
JSON
        # Everyone signs in first, SPAWN_RATE people a second, as entrants sign in
        # before the last minutes; locust's figures restart once all are in
        # (--reset-stats) and the surge is measured for DURATION s. The sign-ins'
        # own times and outcomes are kept in writes.jsonl and reported apart.
        ramp=$(( (users + SPAWN_RATE - 1) / SPAWN_RATE ))
        echo "loadtest: deadline step, $n entrants ($users users, ${ramp}s to sign in), ${DURATION}s"
        (sleep "$ramp"; exec $PY bench/load/sample.py "$step/samples.jsonl") &
        sampler=$!
        SURGE_ENTRANTS=$n SURGE_OFFSET=$offset QALAM_LOADTEST_WRITES=$step/writes.jsonl \
            var/loadtest-venv/bin/locust -f bench/load/deadline.py --headless \
            --only-summary -u "$users" -r "$SPAWN_RATE" --reset-stats \
            -t "$(( ramp + DURATION ))s" \
            --host "http://127.0.0.1:$PORT" --csv "$step/locust" \
            --exit-code-on-error 0 > "$step/locust.log" 2>&1
        kill "$sampler" 2>/dev/null || true
        sleep 5  # the last requests the run stopped waiting for finish
        $PY bench/load/surge_report.py --check "$step"
        offset=$(( offset + n ))
    done
    cleanup
    PIDS=()
    $PY bench/load/surge_report.py --steps "$OUT/deadline" --started "$STARTED" \
        --doc docs/performance.md
    exit $?
fi
var/loadtest-venv/bin/locust -f bench/load/locustfile.py --headless --only-summary \
    -u "$USERS" -r 5 -t "${DURATION}s" --host "http://127.0.0.1:$PORT" \
    --csv "$OUT/locust" --exit-code-on-error 0 > "$OUT/locust.log" 2>&1
cleanup
PIDS=()
$PY bench/load/check.py --csv "$OUT/locust_stats.csv" --failures "$OUT/locust_failures.csv" \
    --writes "$QALAM_LOADTEST_WRITES" --users "$USERS" --duration "$DURATION" \
    --started "$STARTED" --doc docs/performance.md
