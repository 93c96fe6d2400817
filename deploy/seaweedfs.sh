#!/bin/sh
# Start SeaweedFS with one S3 identity from the environment and Qalam's two buckets.
set -eu
umask 077
cat > /tmp/s3.json <<JSON
{"identities": [{"name": "qalam",
  "credentials": [{"accessKey": "${AWS_ACCESS_KEY_ID}", "secretKey": "${AWS_SECRET_ACCESS_KEY}"}],
  "actions": ["Admin", "Read", "Write", "List", "Tagging"]}]}
JSON
exec weed mini -dir=/data -s3.config=/tmp/s3.json -webdav=false -admin.ui=false \
  -s3.port.iceberg=0 -s3.port.lance=0 \
  -bucket="${AWS_STORAGE_BUCKET_NAME},${QALAM_SECURE_BUCKET_NAME}"
