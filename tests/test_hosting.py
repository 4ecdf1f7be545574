"""Where Ava runs: Community Cloud detected, and no promise about stored data that the host breaks."""

from __future__ import annotations

from pathlib import Path

import pytest

from ava_core.errors import ConfigError
from ava_core.hosting import (
    COMMUNITY_CLOUD, Host, detect_host, is_local_browser, source_notice, storage_notice, where,
)
from ava_core.overview import offline_summary
from ava_core.settings import describe_backends, load_settings
from tests.test_app import sign_up

LAPTOP = Path("/home/ada/ava")
CLOUD = Path("/mount/src/ava")


def settings(**values):
    return load_settings(values)


@pytest.mark.parametrize("root, environ, expected", [
    (LAPTOP, {}, Host("", False)),
    (CLOUD, {}, Host(COMMUNITY_CLOUD, True)),
    (LAPTOP, {"HOSTNAME": "streamlit"}, Host(COMMUNITY_CLOUD, True)),
    (Path("/mount/srcs/ava"), {"HOSTNAME": "laptop"}, Host("", False)),
])
def test_community_cloud_is_detected_from_its_mount_or_its_host_name(root, environ, expected):
    assert detect_host(settings(), root, environ) == expected


def test_the_setting_overrides_the_detection():
    assert detect_host(settings(AVA_HOST_DISK="kept"), CLOUD, {}) == Host(COMMUNITY_CLOUD, False)
    assert detect_host(settings(AVA_HOST_DISK="wiped"), LAPTOP, {}) == Host("", True)
    with pytest.raises(ConfigError, match="AVA_HOST_DISK must be one of auto, kept, wiped"):
        settings(AVA_HOST_DISK="sometimes")


@pytest.mark.parametrize("header, local", [
    (None, True), ("", True), ("localhost:8501", True), ("127.0.0.1:8501", True), ("[::1]:8501", True),
    ("LOCALHOST", True), ("ava.streamlit.app", False), ("192.168.1.20:8501", False),
    ("[2001:db8::1]:8501", False), ("localhost.example.com", False),
])
def test_a_local_browser_is_one_that_reached_this_machine_by_its_own_name(header, local):
    assert is_local_browser(header) is local


def test_sqlite_on_a_wiped_disk_warns_that_accounts_will_be_lost_and_how_to_keep_them():
    notice = storage_notice(settings(), Host(COMMUNITY_CLOUD, True), local_browser=False)
    assert notice.warning
    assert "on Streamlit Community Cloud, which is wiped whenever the app restarts" in notice.text
    assert "will be lost" in notice.text and "AVA_DATABASE_URL" in notice.text
    assert "this machine" not in notice.text


def test_postgres_is_kept_wherever_ava_runs():
    notice = storage_notice(settings(AVA_DATABASE_URL="postgresql://u:p@db:5432/ava"),
                            Host(COMMUNITY_CLOUD, True), local_browser=False)
    assert notice.text == "Your account and answers are stored in this Ava's PostgreSQL database."
    assert not notice.warning


def test_this_machine_is_said_only_to_a_browser_on_the_same_machine():
    kept = Host("", False)
    assert storage_notice(settings(), kept, True).text == "Your account and answers are stored on this machine only."
    remote = storage_notice(settings(), kept, False).text
    assert "this machine" not in remote and "the server that runs this Ava" in remote
    backends = describe_backends(settings())
    assert "leaves this machine" in offline_summary(backends, True)
    assert "leaves the server that runs this Ava" in offline_summary(backends, False)
    assert (where(True, True), where(True, False), where(False, False)) == (
        "This machine", "Ava's server", "Online service")


def test_sign_up_and_home_warn_on_a_wiped_disk(app_test):
    at = app_test(AVA_HOST_DISK="wiped")
    at.run()
    assert not at.exception
    assert not any("stored on" in c.value for c in at.caption)
    assert [w.value for w in at.warning] == [
        storage_notice(settings(), Host("", True), True).text]  # in the Create account tab

    sign_up(at)
    assert not at.exception
    assert any("wiped whenever the app restarts" in w.value for w in at.warning)


def test_no_warning_where_the_disk_is_kept(app_test):
    at = app_test()
    at.run()
    assert not at.warning
    sign_up(at)
    assert not at.warning


def test_the_source_is_offered_as_the_agpl_asks(app_test):
    assert source_notice(settings()).startswith("Ava is free software under the GNU AGPL 3.0 or later.")
    url = "https://github.com/example/ava"
    assert source_notice(settings(AVA_SOURCE_URL=url)).endswith(f"Its source code: [{url}]({url})")
    for bad in ("javascript:alert(1)", "https://x.org/a) [click](https://evil", "ftp://x.org"):
        with pytest.raises(ConfigError, match="AVA_SOURCE_URL must be a web address"):
            settings(AVA_SOURCE_URL=bad)

    at = app_test(AVA_SOURCE_URL=url)
    at.run()
    assert any(f"Its source code: [{url}]({url})" in c.value for c in at.caption)
    sign_up(at)
    at.switch_page("pages/account.py").run()
    assert any(f"Its source code: [{url}]({url})" in c.value for c in at.caption)
