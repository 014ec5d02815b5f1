"""The dashboard in a real browser: Debian's Chromium driven by Playwright, against a
uvicorn server on 127.0.0.1 over a store ingested from the seeds (plus one fictional
article whose text carries a script that must never run)."""
from __future__ import annotations

import os
import shutil
import socket
import threading
import time
from pathlib import Path
from urllib.parse import urlparse

import pytest

from dyad.store import open_store
from tests.web import seeded

pytestmark = pytest.mark.browser

CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run"]


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    """Where screenshots go: a temporary folder, or ``$DYAD_SCREENSHOTS`` (``make screenshots``
    sets it to docs/screenshots), so a plain test run leaves the work tree unchanged."""
    folder = os.environ.get("DYAD_SCREENSHOTS")
    path = Path(folder) if folder else tmp_path_factory.mktemp("screenshots")
    path.mkdir(parents=True, exist_ok=True)
    return path


def _need_chromium() -> None:
    if Path(CHROMIUM).exists() and shutil.which(CHROMIUM):
        return
    message = f"{CHROMIUM} is missing (apt-get install -y chromium)"
    if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
        pytest.fail(message)
    pytest.skip(message)


@pytest.fixture(scope="module")
def server(seeded_url):
    import uvicorn

    from dyad.web.app import create_app

    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    srv = uvicorn.Server(uvicorn.Config(create_app(seeded_url), host="127.0.0.1", port=port,
                                        log_level="warning", lifespan="on"))
    thread = threading.Thread(target=srv.run, name="dyad-test-server", daemon=True)
    thread.start()
    deadline = time.monotonic() + 30
    while not srv.started:
        if not thread.is_alive() or time.monotonic() > deadline:
            pytest.fail("the test server did not start")
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=30)


@pytest.fixture(scope="module")
def browser():
    _need_chromium()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as pw:
        b = pw.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        try:
            yield b
        finally:
            b.close()


@pytest.fixture
def page(browser, server):
    """A page that may only reach the test server; it records script errors and any
    attempt to reach another host."""
    context = browser.new_context(viewport={"width": 1300, "height": 900})
    pg = context.new_page()
    pg.errors, pg.foreign = [], []
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))

    def guard(route):
        url = route.request.url
        if url.startswith(server) or url.startswith("data:"):
            route.continue_()
        else:
            pg.foreign.append(url)
            route.abort()

    pg.route("**/*", guard)
    yield pg
    context.close()
    assert pg.errors == [], pg.errors
    assert pg.foreign == [], pg.foreign


def test_dyad_page_chart_and_click_through_to_evidence(page, server, shots):
    page.goto(f"{server}/dyad/IRN/RUS")
    chart = page.locator("#chart svg.timeline")
    chart.wait_for()
    points = page.locator("#chart circle.pt")
    assert points.count() >= 2
    with_events = [int(points.nth(i).get_attribute("data-events")) for i in range(points.count())]
    assert sum(with_events) > 0
    assert page.locator('#chart polyline[data-direction="IRN->RUS"]').count() == 1
    assert page.locator('#chart polyline[data-direction="RUS->IRN"]').count() == 1
    assert page.locator("table.events tbody tr.event").count() > 0
    page.screenshot(path=str(shots / "dyad.png"), full_page=True)

    page.locator("input[name=metric][value=count]").check()
    assert page.locator("#chart circle.pt").count() == points.count()

    link = page.locator("table.events a.report").first
    href = link.get_attribute("href")
    link.click()
    page.wait_for_url(f"{server}{href}")
    anchor = href.split("#", 1)[1]
    assert urlparse(page.url).path.startswith("/article/")
    focused = page.locator(f'#article-text .hl.focus[data-ann~="{anchor}"]')
    assert focused.count() >= 1 and focused.first.is_visible()
    assert page.locator(f"#rec-{anchor}").get_attribute("class") == "focus"
    page.screenshot(path=str(shots / "article.png"))


def test_modality_filter_reloads_the_dyad_page(page, server):
    page.goto(f"{server}/dyad/IRN/RUS")
    page.locator("#chart svg").wait_for()
    n_asserted = page.locator("table.events tbody tr.event").count()
    with page.expect_navigation():
        page.select_option("select[name=modality]", "all")
    assert "modality=all" in page.url
    page.locator("#chart svg").wait_for()
    assert page.locator("table.events tbody tr.event").count() >= n_asserted


def test_injected_script_never_runs_and_shows_as_text(page, server, seeded_url, shots):
    with open_store(seeded_url) as store:
        art_id = next(a["id"] for a in store.list_articles() if a["title"] == seeded.INJECTED_TITLE)
    page.goto(f"{server}/article/{art_id}")
    text = page.locator("#article-text")
    text.wait_for()
    assert "<script>window.__pwned=1</script>" in text.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert page.locator("#article-text script, #article-text img").count() == 0
    page.screenshot(path=str(shots / "article-escaped.png"))
    page.goto(f"{server}/search?q=pwned")
    assert "window.__pwned=1" in page.locator("ul.hits").first.inner_text()
    assert page.evaluate("typeof window.__pwned") == "undefined"


def test_overview_and_search_box(page, server):
    page.goto(f"{server}/")
    assert page.locator("#top-dyads a").first.inner_text().startswith("IRN")
    page.fill("header input[name=q]", "Lavrov")
    with page.expect_navigation():
        page.press("header input[name=q]", "Enter")
    assert "/search?q=Lavrov" in page.url
    assert page.locator("ul.hits li a").count() >= 1
    assert page.locator("ul.hits mark").first.inner_text() == "Lavrov"
