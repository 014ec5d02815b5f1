from __future__ import annotations

import pytest

from tests.web import seeded


@pytest.fixture(scope="session")
def seeded_url(tmp_path_factory) -> str:
    return seeded.build(tmp_path_factory.mktemp("seeded"))
