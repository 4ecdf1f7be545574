"""Run a command with new namespaces denied by seccomp, as a container's default profile denies
them: ``python -m tests.deny_namespaces COMMAND...``. CI runs the hostile suite this way as well
as plainly, so the sandbox is shown to hold on its kernel layers alone."""

from __future__ import annotations

import os
import sys

from ava_core.confine import _confine


def main(argv: list[str]) -> None:
    if len(argv) < 2:
        sys.exit("usage: python -m tests.deny_namespaces COMMAND [ARG...]")
    _confine._libc.prctl(_confine.PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _confine.apply_seccomp(("unshare", "setns"))  # and clone with a namespace flag, clone3
    os.environ["AVA_TEST_NAMESPACES_DENIED"] = "1"
    os.execvp(argv[1], argv[1:])


if __name__ == "__main__":
    main(sys.argv)
