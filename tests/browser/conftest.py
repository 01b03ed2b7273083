"""Browser tests: the real site, built once per test process, served on 127.0.0.1 and read by
Debian's Chromium through Playwright.

Each xdist worker builds and serves its own copy (session fixtures are per process), and
launches one browser that every test reuses; each test gets a fresh browser context. Every
page a test opens records console errors, JavaScript errors, failed requests, HTTP errors and
requests to any host but 127.0.0.1 (those are aborted): after the test body, any of them fails
the test (see pytest_runtest_call below), so no test can forget to check.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import sync_playwright

from .browser_harness import DESKTOP, PHONE, PageLog, launch, serve


@pytest.fixture(scope="session")
def site_url(built_site: Path):
    """The built site (tests/conftest.py's `built_site`), served from a thread of this process."""
    with serve(built_site) as base:
        yield base


@pytest.fixture(scope="session")
def browser():
    with sync_playwright() as playwright:
        chromium = launch(playwright)  # fails (never skips) with a clear message when missing
        yield chromium
        chromium.close()


def _watch(item, log: PageLog) -> None:
    """Make what `log` records from now on fail the test `item`."""
    item.__dict__.setdefault("_page_logs", []).append(log)


def _open(request, browser, **context_options):
    context = browser.new_context(**context_options)
    context.set_default_timeout(10_000)
    page = context.new_page()
    _watch(request.node, PageLog(page))
    return context, page


@pytest.fixture
def page(request, browser):
    """A desktop-sized page; what goes wrong on it fails the test."""
    context, page = _open(request, browser, viewport=DESKTOP)
    yield page
    context.close()


@pytest.fixture(scope="module")
def _shared_page(browser, site_url):
    context = browser.new_context(viewport=DESKTOP)
    context.set_default_timeout(10_000)
    page = context.new_page()
    log = PageLog(page)
    yield page, log
    context.close()


@pytest.fixture
def shared_page(request, _shared_page):
    """One desktop page for all the tests of a module (the search index is built once, not per
    test); what goes wrong on it during a test fails that test."""
    page, log = _shared_page
    log.clear()
    _watch(request.node, log)
    return page


@pytest.fixture
def phone_page(request, browser):
    """A phone-sized page (390×844, touch); what goes wrong on it fails the test."""
    context, page = _open(request, browser, viewport=PHONE, is_mobile=True, has_touch=True,
                          device_scale_factor=3)
    yield page
    context.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_call(item):
    result = yield  # the test body; if it failed, that failure is the one reported
    problems = "\n".join(log.describe() for log in item.__dict__.get("_page_logs", []) if log.problems())
    if problems:
        raise AssertionError(f"the browser reported problems while the test ran:\n{problems}")
    return result
