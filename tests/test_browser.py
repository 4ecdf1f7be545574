"""End to end in headless Chromium: the real app under ``streamlit run``, driven like a user,
including the code editor (streamlit-ace), which only renders in a browser.

Needs Debian's ``chromium`` (``apt-get install chromium``) and the ``playwright`` package; no
browser is downloaded. Without them the tests skip with the reason, unless AVA_REQUIRE_BROWSER=1
(CI), which makes a missing browser a failure.
"""

from __future__ import annotations

import os
import re
import shutil
import socket
import subprocess
import sys
import time
import urllib.request

import pytest

from ava_core.settings import load_settings
from ava_core.store import Store
from tests.conftest import ROOT

CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
REQUIRED = os.environ.get("AVA_REQUIRE_BROWSER") == "1"
PASSWORD = "correct horse battery"
CODE = "def palindrome_cuts(s):\n    return []\n"

pytestmark = pytest.mark.browser


def _need(condition: bool, why: str) -> None:
    if not condition:
        if REQUIRED:
            pytest.fail(f"AVA_REQUIRE_BROWSER=1 but {why}")
        pytest.skip(why)


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    """``streamlit run app.py`` on a free port, with its own SQLite file."""
    database = tmp_path_factory.mktemp("e2e") / "ava.db"
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    env = {k: v for k, v in os.environ.items() if not k.startswith(("AVA_", "SUPABASE_"))
           and k not in ("ANTHROPIC_API_KEY", "OPENAI_API_KEY", "ELEVENLABS_API_KEY")}
    env.update(AVA_SQLITE_PATH=str(database), AVA_VOICE="off")
    log = open(database.parent / "server.log", "w")
    proc = subprocess.Popen(
        [sys.executable, "-m", "streamlit", "run", str(ROOT / "app.py"), "--server.headless=true",
         f"--server.port={port}", "--server.address=127.0.0.1"],
        cwd=ROOT, env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    url = f"http://127.0.0.1:{port}"
    for _ in range(150):
        try:
            urllib.request.urlopen(f"{url}/_stcore/health", timeout=1)
            break
        except OSError:
            if proc.poll() is not None:
                break
            time.sleep(0.2)
    else:
        proc.kill()
        pytest.fail("the app did not start within 30 s")
    if proc.poll() is not None:
        pytest.fail(f"the app exited: {(database.parent / 'server.log').read_text()[-2000:]}")
    yield url, database
    proc.terminate()
    proc.wait(timeout=10)
    log.close()


@pytest.fixture(scope="module")
def browser(tmp_path_factory):
    _need(CHROMIUM is not None, "Chromium is not installed (apt-get install chromium)")
    try:
        from playwright.sync_api import sync_playwright
    except ImportError:
        _need(False, "the playwright package is not installed")
    profile = tmp_path_factory.mktemp("chromium-profile")
    with sync_playwright() as p:
        context = p.chromium.launch_persistent_context(
            str(profile), executable_path=CHROMIUM, headless=True,
            viewport={"width": 1400, "height": 1000},
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking",
                  "--disable-component-update", "--no-first-run"],
        )
        yield context
        context.close()


def settle(page) -> None:
    """Wait until Streamlit has finished running the script."""
    from playwright.sync_api import expect

    page.wait_for_timeout(300)
    expect(page.get_by_test_id("stStatusWidget")).to_have_count(0, timeout=30_000)


def test_sign_up_then_a_coding_interview_with_the_real_editor(server, browser):
    from playwright.sync_api import expect

    url, database = server
    page = browser.new_page()
    page.goto(url)
    page.get_by_role("tab", name="Create account").click()
    for key, value in (("sign_up_name", "Ada"), ("sign_up_email", "ada@example.com"),
                       ("sign_up_password", PASSWORD), ("sign_up_again", PASSWORD)):
        page.locator(f".st-key-{key} input").fill(value)
    page.get_by_test_id("stForm").nth(1).get_by_role("button", name="Create account").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(", Ada", timeout=30_000)
    expect(page.get_by_text("Ava is running fully offline")).to_be_visible()

    # Practise a known question from the bank, so the test knows its function.
    page.get_by_test_id("stSidebarNavItems").get_by_role("link", name="Question bank").click()
    settle(page)
    search = page.locator(".st-key-bank_text input")
    search.fill("Cut a String into Palindromes")
    search.press("Enter")
    expect(page.get_by_text(re.compile(r"^1 of \d+ questions$"))).to_be_visible(timeout=30_000)
    settle(page)
    chooser = page.locator(".st-key-bank_selected input")
    chooser.click()
    chooser.fill("Cut a String")
    chooser.press("Enter")
    settle(page)
    page.get_by_role("button", name="Practise this question").click()
    page.get_by_role("button", name="Start the interview").click()
    expect(page.get_by_role("heading", name="1. Understand")).to_be_visible(timeout=30_000)

    for step in ("Understand", "Match"):
        page.get_by_label(f"Your {step} answer").fill(f"My {step} answer: backtracking over cuts.")
        page.get_by_role("button", name="Submit answer").click()
        expect(page.get_by_test_id("stMetric").filter(has_text="Score")).to_be_visible(timeout=30_000)
        settle(page)  # until the rerun ends, the disabled "Next step" of before the answer is still there
        page.get_by_role("button", name="Next step", disabled=False).click()  # under load it can outlast settle()
        settle(page)
    expect(page.get_by_role("heading", name="3. Plan")).to_be_visible(timeout=30_000)

    editor = page.frame_locator('iframe[title="streamlit_ace.streamlit_ace"]')
    expect(editor.locator(".ace_editor")).to_be_visible(timeout=30_000)
    # 15 px: at 14 px Chrome on Linux hides underscores (two_sum reads "two sum")
    assert editor.locator(".ace_editor").evaluate("e => getComputedStyle(e).fontSize") == "15px"
    editor.locator(".ace_content").click()
    page.keyboard.press("Control+A")
    page.keyboard.insert_text(CODE)
    settle(page)
    page.get_by_role("button", name="Run the examples").click()
    expect(page.get_by_text("0 of 2 examples passed")).to_be_visible(timeout=30_000)

    store = Store.open(load_settings({"AVA_SQLITE_PATH": str(database)}), migrate=False)
    user = store.accounts.credentials("ada@example.com")[0]
    state = store.sessions.unfinished_session(user.id, mode="coding").state
    assert state["code"].replace("\r", "") == CODE and state["code_runs"] == 1
    page.close()


def test_a_reload_resumes_the_interview(server, browser):
    from playwright.sync_api import expect

    url, _ = server
    page = browser.new_page()  # a new tab: sign in again
    page.goto(url)
    page.locator(".st-key-sign_in_email input").fill("ada@example.com")
    page.locator(".st-key-sign_in_password input").fill(PASSWORD)
    page.get_by_test_id("stForm").first.get_by_role("button", name="Sign in").click()
    expect(page.get_by_text("unfinished coding interview")).to_be_visible(timeout=30_000)
    page.get_by_role("link", name="Pick it up where you left off").click()
    expect(page.get_by_role("heading", name="3. Plan")).to_be_visible(timeout=30_000)
    editor = page.frame_locator('iframe[title="streamlit_ace.streamlit_ace"]')
    expect(editor.locator(".ace_content")).to_contain_text("return []", timeout=30_000)
    page.close()


def test_every_page_opens_without_an_error(server, browser):
    """The app as installed serves every page: each one in the sidebar opens, shows its title and
    raises nothing (an ImportError of a missing requirement shows as an exception box)."""
    from playwright.sync_api import expect

    url, _ = server
    page = browser.new_page()
    page.goto(url)
    settle(page)
    expect(page.get_by_test_id("stException")).to_have_count(0)
    page.locator(".st-key-sign_in_email input").fill("ada@example.com")
    page.locator(".st-key-sign_in_password input").fill(PASSWORD)
    page.get_by_test_id("stForm").first.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", level=1)).to_contain_text(", Ada", timeout=30_000)
    nav = page.get_by_test_id("stSidebarNavItems").get_by_role("link")
    expect(nav).to_have_count(6, timeout=30_000)  # the sidebar may come after the page's first lines
    links = nav.all_inner_texts()
    titles = [text.splitlines()[-1] for text in links]  # after the icon's name
    assert titles == ["Home", "Coding interview", "Behavioral interview", "Progress", "Question bank", "Account"]
    for title in titles:
        page.get_by_test_id("stSidebarNavItems").get_by_role("link", name=title).click()
        settle(page)
        expect(page.get_by_role("heading", level=1)).to_be_visible(timeout=30_000)
        expect(page.get_by_test_id("stException")).to_have_count(0)
    page.close()
