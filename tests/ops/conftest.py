# The secure-documents fixtures (a workspace with one member per role, test keys).
from tests.secure_docs.conftest import (  # noqa: F401
    keys,
    workspace,
    workspace_key_material,
)
