"""gunicorn's settings: `gunicorn -c config/gunicorn.py config.wsgi`.

Threads, not only processes: a request mostly waits (PostgreSQL, Redis, S3, a 5 MB
upload on a slow line), so each worker process serves GUNICORN_THREADS requests at
once and the server holds many more slow clients than it has cores, in little memory.
Workers default to cores + 1; with QALAM_DB_POOL_SIZE equal to the threads, each
process keeps at most that many PostgreSQL connections. docs/operator-guide.md
"Sizing" explains the figures and `make loadtest SCENARIO=deadline` measures them.
"""

import os

bind = os.environ.get("GUNICORN_BIND", "0.0.0.0:8000")
workers = int(os.environ.get("GUNICORN_WORKERS", (os.cpu_count() or 1) + 1))
threads = int(os.environ.get("GUNICORN_THREADS", "4"))
worker_class = "gthread"
timeout = int(os.environ.get("GUNICORN_TIMEOUT", "120"))
graceful_timeout = 30
keepalive = 5
# A worker that leaks is replaced now and then, never all at once.
max_requests = 5000
max_requests_jitter = 500
# The heartbeat file in memory: a slow disk must not make gunicorn kill workers.
worker_tmp_dir = "/dev/shm" if os.path.isdir("/dev/shm") else None  # noqa: S108
accesslog = os.environ.get("GUNICORN_ACCESS_LOG", "-")
