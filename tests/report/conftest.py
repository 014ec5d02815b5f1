from __future__ import annotations

import pytest

from tests.web import seeded


@pytest.fixture(scope="session")
def brief_store_url(tmp_path_factory) -> str:
    return seeded.build(tmp_path_factory.mktemp("brief-store"))
