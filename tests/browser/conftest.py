"""The graph page in a real browser: Debian's Chromium driven by Playwright.

One browser for the whole session, a fresh context (no cache, no storage) per page. Every page
opened through ``open_page`` records console errors, page errors, dialogs and any request that
is not ``file:``, ``data:`` or ``about:``; the fixture fails the test if there were any.

The tests are skipped, with the reason, when ``/usr/bin/chromium`` or the ``playwright`` package
is missing (``apt-get install chromium``; ``pip install playwright``; never ``playwright
install``). ``.ci/run`` installs both.
"""

from __future__ import annotations

import importlib.util
from pathlib import Path

import pytest

from .browser_support import CHROMIUM, CHROMIUM_ARGS, LOCAL, VIEWPORT, Page

# Chromium's hint when a test reads canvas pixels twice; the page itself never reads them.
_READBACK = "willReadFrequently"


def _skip_reason() -> str | None:
    if importlib.util.find_spec("playwright") is None:
        return "browser tests need Playwright for Python: pip install playwright"
    if not CHROMIUM.exists():
        return f"browser tests need Debian's Chromium at {CHROMIUM}: apt-get install chromium"
    return None


@pytest.fixture(scope="session")
def browser():
    reason = _skip_reason()
    if reason:
        pytest.skip(reason)
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=str(CHROMIUM), args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture
def open_page(browser):
    """``open_page(path)`` opens a page from disk and waits for its first drawn frame."""
    contexts = []
    pages: list[Page] = []

    def open_(path: Path, *, wait: bool = True) -> Page:
        context = browser.new_context(viewport=VIEWPORT)
        contexts.append(context)
        page = context.new_page()
        view = Page(page)
        page.on("console", lambda m: view.errors.append(f"console.{m.type}: {m.text}")
                if m.type in ("error", "warning") and _READBACK not in m.text else None)
        page.on("pageerror", lambda e: view.errors.append(f"page error: {e}"))
        page.on("request", lambda r: None if r.url.startswith(LOCAL)
                else view.requests.append(r.url))

        def on_dialog(dialog) -> None:
            view.dialogs.append(f"{dialog.type}: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)
        page.goto(Path(path).resolve().as_uri())
        if wait:
            page.wait_for_function("() => window.graphbuild && window.graphbuild.ready",
                                   timeout=20_000)
        pages.append(view)
        return view

    yield open_
    for context in contexts:
        context.close()
    for view in pages:
        assert not view.errors, view.errors
        assert not view.requests, f"the page made network requests: {view.requests}"
        assert not view.dialogs, f"a dialog opened: {view.dialogs}"
