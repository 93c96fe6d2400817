"""Awards' staff screens in the Wagtail admin, one module per screen, and the
team scoping they all apply (scoping.py); routed and put in the menu by
awards/wagtail_hooks.py."""
