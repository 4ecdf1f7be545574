"""Where Ava runs, and what that means for what it may promise about the user's data.

Streamlit Community Cloud clones the app under ``/mount/src/<repository>`` and names the
container ``streamlit``; its file system is wiped whenever the app restarts (after 12 hours
without visits, on a redeploy, on a reboot), so the embedded SQLite file does not last there.
``AVA_HOST_DISK`` overrides the detection for other hosts: ``kept`` or ``wiped``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from ava_core.settings import Settings

COMMUNITY_CLOUD = "Streamlit Community Cloud"
COMMUNITY_CLOUD_ROOT = PurePosixPath("/mount/src")
LOCAL_HOSTS = {"localhost", "127.0.0.1", "::1", "[::1]"}
DEPLOY_GUIDE = "README, “Deploy to Streamlit Community Cloud”"


@dataclass(frozen=True)
class Host:
    platform: str  # "Streamlit Community Cloud", or "" when Ava cannot tell
    disk_wiped: bool  # files written by Ava are lost when the app restarts


def detect_host(settings: Settings, app_root: Path, environ: Mapping[str, str]) -> Host:
    """The platform Ava runs on and whether its disk survives a restart."""
    on_cloud = (
        PurePosixPath(app_root.as_posix()).is_relative_to(COMMUNITY_CLOUD_ROOT)
        or environ.get("HOSTNAME") == "streamlit"
    )
    platform = COMMUNITY_CLOUD if on_cloud else ""
    if settings.host_disk == "auto":
        return Host(platform, on_cloud)
    return Host(platform, settings.host_disk == "wiped")


def is_local_browser(host_header: str | None) -> bool:
    """True when the browser reached Ava at this machine's own address (or there is no browser,
    as under AppTest), so "this machine" means the same computer to the user and to Ava."""
    if not host_header:
        return True
    name = host_header.rsplit(":", 1)[0] if host_header.count(":") == 1 else host_header
    if name.startswith("[") and "]" in name:
        name = name[: name.index("]") + 1]
    return name.lower() in LOCAL_HOSTS


@dataclass(frozen=True)
class StorageNotice:
    text: str
    warning: bool  # the user stands to lose their account and history


def storage_notice(settings: Settings, host: Host, local_browser: bool) -> StorageNotice:
    """What the sign-in page and Home say about where accounts and answers are kept."""
    if settings.database_url:
        return StorageNotice("Your account and answers are stored in this Ava's PostgreSQL database.", False)
    if host.disk_wiped:
        where = host.platform or "this host"
        return StorageNotice(
            f"This Ava keeps accounts and answers in a file on {where}, which is wiped whenever "
            "the app restarts (after 12 hours without visits, or when it is updated): accounts "
            "and history made here will be lost then. To keep them, whoever runs this Ava sets "
            f"AVA_DATABASE_URL to Supabase or another PostgreSQL database ({DEPLOY_GUIDE}).",
            True,
        )
    if local_browser:
        return StorageNotice("Your account and answers are stored on this machine only.", False)
    return StorageNotice(
        "Your account and answers are stored on the server that runs this Ava, in its own "
        "database file.",
        False,
    )


def where(offline: bool, local_browser: bool) -> str:
    """Where a backend runs, in the words of the person looking at Home."""
    if not offline:
        return "Online service"
    return "This machine" if local_browser else "Ava's server"


def source_notice(settings: Settings) -> str:
    """The licence and where the source is: the AGPL's offer to users over a network."""
    licence = "Ava is free software under the GNU AGPL 3.0 or later"
    if settings.source_url:
        return f"{licence}. Its source code: [{settings.source_url}]({settings.source_url})"
    return f"{licence}. Whoever runs this Ava can give you its source code."
