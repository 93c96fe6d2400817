import os

from django.core.wsgi import get_wsgi_application

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "config.settings")

application = get_wsgi_application()

# Cached public pages are answered before Django's handler (cms/cache.py).
from cms.cache import PublicPageCacheApp  # noqa: E402 - needs Django set up

application = PublicPageCacheApp(application)
