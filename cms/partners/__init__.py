"""The partner API: API keys for partner broadcasters, the read-only API they call
(winners; shortlists under embargo) and signed webhooks fired on publication.

Part of the public face, so it lives in `cms`, and reads awards' data only through
awards' selectors.
"""
