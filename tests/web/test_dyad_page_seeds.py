"""The Iran–Russia dyad page over the five seeds shows what the seeds assert.

The asserted visits and calls are on it, the planned agreement is shown as planned (and not
counted among asserted events), and the main voices appear with their roles.
"""
from __future__ import annotations

import re

import pytest
from fastapi.testclient import TestClient

from dyad.web.app import create_app


@pytest.fixture(scope="module")
def client(seeded_url):
    with TestClient(create_app(seeded_url), base_url="http://127.0.0.1") as c:
        yield c


def _events(client, **params):
    body = client.get("/api/events", params={"dyad": "IRN-RUS", "limit": 500, **params}).json()
    return body["items"]


def test_asserted_visits_and_calls_are_there(client):
    asserted = _events(client, modality="asserted")
    consults = [e for e in asserted if e["plover"] == "CONSULT"]
    triggers = " ".join(e["trigger"].lower() for e in consults)
    assert "visit" in triggers  # Lavrov in Tehran, Amir-Abdollahian in Moscow
    assert "conversation" in triggers  # the Putin–Raisi and Putin–Pezeshkian calls
    dated = [e for e in consults if (e.get("date") or "").startswith("2021-04-13")]
    assert dated, "the 2021 Lavrov visit carries its resolved date"


def test_planned_agreement_is_planned_not_done(client):
    planned = _events(client, modality="planned")
    signing = [e for e in planned if "sign" in e["trigger"].lower()]
    assert signing
    asserted = _events(client, modality="asserted")
    assert not any(e["article_id"] == signing[0]["article_id"] and e["start"] == signing[0]["start"]
                   for e in asserted)


def test_dyad_page_names_the_voices_with_roles(client):
    html = client.get("/dyad/IRN/RUS").text
    for name, role in (("Khorsand", "expert"), ("Jalali", "envoy"), ("Koulai", "parliament"),
                       ("Amir-Abdollahian", "Foreign"), ("Putin", "President")):
        spots = [m.start() for m in re.finditer(re.escape(name), html)]
        assert spots, name
        assert any(role.lower() in html[at:at + 400].lower() for at in spots), (name, role)
    assert "planned" in html
