# The secure-documents fixtures (a workspace with one member per role, test keys).
from tests.secure_docs.conftest import keys, workspace  # noqa: F401
