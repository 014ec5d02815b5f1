"""The Content-Security-Policy in Debian's Chromium: the pages run under it without a single
violation, and a script injected into a page is refused by the browser itself."""
from __future__ import annotations

import pytest

from tests.web.test_pages_browser import browser, server  # noqa: F401  (fixtures)

pytestmark = pytest.mark.browser


@pytest.fixture
def tab(browser, server):  # noqa: F811
    context = browser.new_context()
    pg = context.new_page()
    pg.violations, pg.errors = [], []
    pg.on("console", lambda msg: pg.violations.append(msg.text)
          if "Content Security Policy" in msg.text else None)
    pg.on("pageerror", lambda exc: pg.errors.append(str(exc)))
    yield pg
    context.close()


def test_pages_run_under_the_policy_without_violations(tab, server):  # noqa: F811
    tab.goto(f"{server}/api/articles")
    arts = tab.evaluate("JSON.parse(document.body.innerText).items")
    for path in ("/", "/dyad/IRN/RUS", "/actor/IRN", "/search?q=Lavrov", "/api-docs", "/nope",
                 f"/article/{arts[0]['id']}#ev-0"):
        resp = tab.goto(f"{server}{path}")
        assert "frame-ancestors 'none'" in resp.headers["content-security-policy"]
        tab.wait_for_load_state("load")
    tab.goto(f"{server}/dyad/IRN/RUS")
    tab.locator("#chart svg.timeline").wait_for()  # the chart script ran
    with tab.expect_navigation():
        tab.select_option("select[name=freq]", "week")  # the filters' script ran
    assert "freq=week" in tab.url
    assert tab.violations == [] and tab.errors == []


def test_an_injected_inline_script_is_refused_by_the_browser(tab, server):  # noqa: F811
    tab.goto(f"{server}/")
    tab.evaluate("""() => {
        const s = document.createElement("script");
        s.textContent = "window.__ran = 1";
        document.body.appendChild(s);
        const d = document.createElement("div");
        d.innerHTML = '<img src="data:," onload="window.__ran = 2">';
        document.body.appendChild(d);
    }""")
    tab.wait_for_timeout(300)
    assert tab.evaluate("typeof window.__ran") == "undefined"
    assert any("script-src" in v or "inline" in v for v in tab.violations), tab.violations
