# The Qalam image: web (gunicorn), Celery worker and beat all run from it.
FROM python:3.11-slim-bookworm

ENV PYTHONDONTWRITEBYTECODE=1 \
    PYTHONUNBUFFERED=1 \
    PIP_NO_CACHE_DIR=1 \
    PIP_DISABLE_PIP_VERSION_CHECK=1

# gnupg: secure documents are encrypted with gpg; gettext: compiled translations;
# tesseract with the region's packs and poppler-utils (pdftoppm): the worker reads
# scanned documents for search; Pango and DejaVu: WeasyPrint draws the prize
# certificates (Cyrillic and Latin).
RUN apt-get update \
    && apt-get install -y --no-install-recommends gnupg gettext poppler-utils \
       tesseract-ocr tesseract-ocr-rus tesseract-ocr-kaz tesseract-ocr-uzb \
       tesseract-ocr-uzb-cyrl tesseract-ocr-kir tesseract-ocr-tgk tesseract-ocr-eng \
       tesseract-ocr-script-latn libpango-1.0-0 libpangoft2-1.0-0 fonts-dejavu-core \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --create-home --uid 1000 qalam

WORKDIR /app
COPY requirements/prod.txt requirements/prod.txt
RUN pip install --no-deps -r requirements/prod.txt

COPY . .
# Build-time only values: collectstatic and compilemessages need settings to load.
RUN DEBUG=1 python manage.py compilemessages --ignore=.venv -v 0 \
    && DEBUG=1 python manage.py collectstatic --no-input -v 0

USER qalam
EXPOSE 8000
CMD ["gunicorn", "-c", "config/gunicorn.py", "config.wsgi"]
