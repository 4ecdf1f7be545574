"""The remote executor: a Piston-compatible engine (``POST /api/v2/execute``) running the same child."""

from __future__ import annotations

import json
import secrets
import time
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from ava_core.errors import ConfigError, ServiceUnavailable
from ava_core.judge.executors import (
    RUNNER,
    Execution,
    Limits,
    parse_events,
    protections,
    register_executor,
)
from ava_core.settings import Settings

if TYPE_CHECKING:
    import httpx


class PistonExecutor:
    """A remote Piston-compatible engine (``POST /api/v2/execute``) running the same child."""

    name = "piston"

    def __init__(self, url: str, *, version: str = "3.x", run_timeout_ms: int = 3000,
                 client: httpx.Client | None = None):
        self.url = url.rstrip("/")
        self.version = version
        self.run_timeout_ms = run_timeout_ms
        self.client = client

    @classmethod
    def from_settings(cls, settings: Settings) -> PistonExecutor:
        url = settings.executor_url
        if not url:
            raise ConfigError("AVA_EXECUTOR_URL is not set: give the URL of a Piston engine, "
                              "or use the local executor.")
        return cls(url)

    def confinement(self) -> tuple[bool, str]:
        host = urlsplit(self.url).hostname or self.url
        return True, f"Code runs on the Piston engine at {host}, confined as that server confines it."

    def execute(self, job: dict[str, Any], limits: Limits, wall_seconds: float) -> Execution:
        import httpx

        started = time.monotonic()
        host = urlsplit(self.url).netloc or self.url
        token = secrets.token_hex(8)
        room = self.run_timeout_ms / 1000 - 0.5  # the engine's limit, less the child's start-up
        job = {**job, "token": token, "sandbox": {
            "drop_to": None, "preload": False, "audit": limits.block_unsafe_calls,
            "limits": limits.rlimits(room),
        }}
        if "suite_seconds" in job:
            job["per_test_seconds"] = min(job["per_test_seconds"], room / 2)
            job["suite_seconds"] = min(job["suite_seconds"], room - job["per_test_seconds"])
        if "budget_seconds" in job:
            job["budget_seconds"] = min(job["budget_seconds"], room)
        payload = {
            "language": "python", "version": self.version,
            "files": [{"name": "main.py", "content": RUNNER.read_text(encoding="utf-8")},
                      {"name": "job.json", "content": json.dumps(job)}],
            "args": ["job.json", "-"], "stdin": "",
            "run_timeout": min(int(wall_seconds * 1000), self.run_timeout_ms),
            "compile_timeout": 10_000,
        }
        client = self.client or httpx.Client()
        try:
            response = client.post(f"{self.url}/api/v2/execute", json=payload,
                                   timeout=wall_seconds + 15)
        except httpx.TimeoutException:
            raise ServiceUnavailable(
                f"The code execution service at {host} did not answer in time. Try again, or unset "
                "AVA_EXECUTOR_URL to run code in the local sandbox."
            ) from None
        except httpx.HTTPError as exc:
            raise ServiceUnavailable(
                f"The code execution service at {host} could not be reached ({type(exc).__name__}). "
                "Check AVA_EXECUTOR_URL, or unset it to run code in the local sandbox."
            ) from None
        finally:
            if self.client is None:
                client.close()
        try:
            data = response.json()
        except ValueError:
            data = {}
        if response.status_code >= 400 or not isinstance(data, dict) or "run" not in data:
            detail = data.get("message") if isinstance(data, dict) else None
            raise ServiceUnavailable(
                f"The code execution service at {host} refused the run (HTTP {response.status_code}: "
                f"{detail or response.text[:200]}). Check that it has a Python 3 runtime."
            )
        stage = data.get("compile") or {}
        if stage.get("code") not in (0, None):
            raise ServiceUnavailable(
                f"The code execution service at {host} could not prepare the run: "
                f"{(stage.get('stderr') or stage.get('output') or '').strip()[:300]}"
            )
        run = data["run"] or {}
        events, other = parse_events((run.get("stdout") or "").splitlines(), token)
        status = run.get("status")
        sig = run.get("signal")
        finished = any(e.get("event") == "done" for e in events)
        if not any(e.get("event") == "start" for e in events) and not sig and run.get("code"):
            raise ServiceUnavailable(
                f"The code execution service at {host} could not run Ava's test runner: "
                f"{(run.get('stderr') or '').strip()[-300:]}"
            )
        notes = [f"run by the remote engine at {host} (it applies its own limits too)"]
        return Execution(
            events=events, stdout="\n".join(other), stderr=run.get("stderr") or "",
            returncode=run.get("code"), signal=sig,
            timed_out=status == "TO" or (not finished and sig == "SIGKILL" and status not in ("OL", "EL")),
            output_limited=status in ("OL", "EL"),
            protections=protections("piston", events, limits.block_unsafe_calls, notes),
            seconds=time.monotonic() - started,
        )


register_executor("piston", PistonExecutor.from_settings)
