"""The sandbox's jailer: confines its own process with what Linux gives any unprivileged process,
then becomes the sandbox child (``execv``), which inherits every layer.

    python -I -S _confine.py POLICY -- PROGRAM ARG...
    python -I -S _confine.py --probe FOLDER

POLICY is JSON: ``{"write": [folder], "read": [file...], "require": [layer...]}``. The layers:

- ``no_new_privs``: nothing the child runs gains privileges (set-uid programs stay plain).
- ``landlock_files``: the child may read the Python runtime (the interpreter, its standard
  library without site-packages, the system's shared libraries) and the files in ``read``, and
  read and write ``write`` (the run's own folder); nothing else: not the database, the secrets,
  the app's files, /tmp, /dev/shm or /proc of other processes.
- ``landlock_network``: no TCP bind or connect (Landlock ABI 4).
- ``landlock_scopes``: no signal to a process outside the sandbox, no abstract UNIX socket
  outside it (Landlock ABI 6).
- ``seccomp``: no socket at all, no ptrace or reading another process's memory, no new
  namespace (unshare, setns, clone with a namespace flag), no mount, bpf, keyring, io_uring,
  perf events or kernel modules; ``clone3`` says ENOSYS so the C library uses ``clone``.

With Landlock's scopes (ABI 6), the jailer stays as the run's keeper (``keep``): the program
runs as its child, confined in a domain nested in the keeper's, which cannot signal the keeper;
when the program ends, or the executor sends SIGTERM, the keeper kills every process of the run.

A layer in ``require`` that cannot be applied ends the run before the program starts, with exit
status 3 and a line on stderr. ``--probe`` applies every layer it can inside FOLDER, checks that
each one holds, and prints them as JSON.

Standard library only, and nothing of ava_core: it runs before anything else in the sandbox.
"""

from __future__ import annotations

import ctypes
import json
import os
import platform
import signal
import struct
import sys
import sysconfig
from collections.abc import Iterable
from typing import NoReturn

REFUSED = 3  # the exit status when a required layer cannot be applied

# --- Landlock (linux/landlock.h) ---------------------------------------------------------------

CREATE_RULESET, ADD_RULE, RESTRICT_SELF = 444, 445, 446  # the same number on every architecture
CREATE_RULESET_VERSION = 1
RULE_PATH_BENEATH = 1
FS_EXECUTE, FS_WRITE_FILE, FS_READ_FILE, FS_READ_DIR = 1 << 0, 1 << 1, 1 << 2, 1 << 3
FS_TRUNCATE, FS_IOCTL_DEV = 1 << 14, 1 << 15
FILE_RIGHTS = FS_EXECUTE | FS_WRITE_FILE | FS_READ_FILE | FS_TRUNCATE | FS_IOCTL_DEV
READ_RIGHTS = FS_EXECUTE | FS_READ_FILE | FS_READ_DIR
NET_BIND_TCP, NET_CONNECT_TCP = 1 << 0, 1 << 1
SCOPE_ABSTRACT_UNIX_SOCKET, SCOPE_SIGNAL = 1 << 0, 1 << 1
PR_SET_NO_NEW_PRIVS = 38


def _fs_rights(abi: int) -> int:
    """Every file-system right this kernel's Landlock knows (ABI 1: 13; 2: refer; 3: truncate;
    5: ioctl on devices)."""
    rights = (1 << 13) - 1
    if abi >= 2:
        rights |= 1 << 13
    if abi >= 3:
        rights |= FS_TRUNCATE
    if abi >= 5:
        rights |= FS_IOCTL_DEV
    return rights


_libc = ctypes.CDLL(None, use_errno=True)
_libc.syscall.restype = ctypes.c_long


def _syscall(number: int, *args) -> int:
    result = _libc.syscall(ctypes.c_long(number), *args)
    if result < 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))
    return result


def landlock_abi() -> int:
    """The Landlock ABI version this kernel offers; 0 when it has none (or it is turned off)."""
    if not sys.platform.startswith("linux"):
        return 0
    try:
        return _syscall(CREATE_RULESET, None, ctypes.c_size_t(0), ctypes.c_uint32(CREATE_RULESET_VERSION))
    except OSError:
        return 0


def runtime_paths() -> tuple[list[str], list[str]]:
    """What the interpreter needs to start and import its standard library: the files and
    folders it reads (the executable, its shared library, the standard library's entries but
    site-packages, where an app's code and data may be installed, and the system's shared
    libraries), and the folders it only lists (the standard library's own, for imports)."""
    read = [os.path.realpath(sys.executable)]
    listed = []
    libdir = sysconfig.get_config_var("LIBDIR") or ""
    if os.path.isdir(libdir):
        read += [os.path.join(libdir, n) for n in os.listdir(libdir) if n.startswith("libpython")]
    for key in ("stdlib", "platstdlib"):
        stdlib = sysconfig.get_paths()[key]
        if os.path.isdir(stdlib):
            listed.append(stdlib)
            read += [os.path.join(stdlib, n) for n in os.listdir(stdlib)
                     if n not in ("site-packages", "dist-packages")]
    multiarch = sysconfig.get_config_var("MULTIARCH") or f"{platform.machine()}-linux-gnu"
    read += [f"/lib/{multiarch}", f"/usr/lib/{multiarch}", "/lib64", "/usr/lib64",
             "/etc/ld.so.cache", "/dev/null", "/dev/urandom", "/dev/zero",
             f"/proc/{os.getpid()}"]  # its own entry, which the child keeps across execv
    return ([p for p in dict.fromkeys(read) if os.path.exists(p)],
            [p for p in dict.fromkeys(listed) if os.path.exists(p)])


def restrict_files_and_network(abi: int, read: list[str], write: list[str],
                               listed: list[str] | None = None) -> list[str]:
    """One Landlock domain for this process and its children; the layers it applied."""
    handled_fs = _fs_rights(abi)
    fields = [handled_fs]
    layers = ["landlock_files"]
    if abi >= 4:
        fields.append(NET_BIND_TCP | NET_CONNECT_TCP)  # handled, and no rule allows any port
        layers.append("landlock_network")
    if abi >= 6:
        fields.append(SCOPE_ABSTRACT_UNIX_SOCKET | SCOPE_SIGNAL)
        layers.append("landlock_scopes")
    rules = [*((p, FS_READ_DIR) for p in listed or []), *((p, READ_RIGHTS) for p in read),
             *((p, handled_fs) for p in write)]
    _restrict_self(fields, [(path, rights & handled_fs) for path, rights in rules])
    return layers


def _restrict_self(fields: list[int], rules: list[tuple[str, int]]) -> None:
    """A new Landlock domain for this process and its future children: a ruleset handling
    ``fields`` (file rights, then network, then scopes), with ``rules`` allowing paths."""
    attr = struct.pack(f"={len(fields)}Q", *fields)
    ruleset = _syscall(CREATE_RULESET, attr, ctypes.c_size_t(len(attr)), ctypes.c_uint32(0))
    try:
        for path, rights in rules:
            _allow(ruleset, path, rights)
        _syscall(RESTRICT_SELF, ctypes.c_int(ruleset), ctypes.c_uint32(0))
    finally:
        os.close(ruleset)


def _allow(ruleset: int, path: str, rights: int) -> None:
    fd = os.open(path, os.O_PATH | os.O_CLOEXEC)
    try:
        if not os.path.isdir(path):
            rights &= FILE_RIGHTS  # a rule on a file may only hold rights that apply to files
        rule = struct.pack("=Qi", rights, fd)  # struct landlock_path_beneath_attr (packed)
        _syscall(ADD_RULE, ctypes.c_int(ruleset), ctypes.c_int(RULE_PATH_BENEATH), rule, ctypes.c_uint32(0))
    finally:
        os.close(fd)


# --- seccomp (linux/seccomp.h, linux/filter.h) --------------------------------------------------

AUDIT_ARCH = {"x86_64": 0xC000003E, "aarch64": 0xC00000B7}
DENIED = {  # name: (x86_64, aarch64)
    "socket": (41, 198), "ptrace": (101, 117), "process_vm_readv": (310, 270),
    "process_vm_writev": (311, 271), "unshare": (272, 97), "setns": (308, 268), "mount": (165, 40),
    "umount2": (166, 39), "pivot_root": (155, 41), "chroot": (161, 51), "bpf": (321, 280),
    "perf_event_open": (298, 241), "keyctl": (250, 219), "add_key": (248, 217),
    "request_key": (249, 218), "userfaultfd": (323, 282), "io_uring_setup": (425, 425),
    "io_uring_enter": (426, 426), "io_uring_register": (427, 427),
    "open_by_handle_at": (304, 265), "name_to_handle_at": (303, 264), "kexec_load": (246, 104),
    "init_module": (175, 105), "finit_module": (313, 273), "delete_module": (176, 106),
    "personality": (135, 92), "pidfd_getfd": (438, 438), "move_mount": (429, 429),
    "fsopen": (430, 430), "fsmount": (432, 432), "open_tree": (428, 428),
    "mount_setattr": (442, 442), "kcmp": (312, 272),
}
CLONE, CLONE3 = (56, 220), (435, 435)
# CLONE_NEWNS, NEWCGROUP, NEWUTS, NEWIPC, NEWUSER, NEWPID, NEWNET, NEWTIME
NAMESPACE_FLAGS = 0x00020000 | 0x02000000 | 0x04000000 | 0x08000000 | 0x10000000 | 0x20000000 \
    | 0x40000000 | 0x00000080
RET_KILL_PROCESS, RET_ERRNO, RET_ALLOW = 0x80000000, 0x00050000, 0x7FFF0000
EPERM, ENOSYS = 1, 38
LD_ABS_W, JEQ, JSET, JGE, RET = 0x20, 0x15, 0x45, 0x35, 0x06
X32_BIT = 0x40000000
PR_SET_SECCOMP, SECCOMP_MODE_FILTER = 22, 2


def seccomp_program(machine: str, names: Iterable[str] = DENIED) -> list[tuple[int, int, int, int]]:
    """A classic BPF program over ``struct seccomp_data`` (nr at 0, arch at 4, args from 16):
    another architecture is killed, a call ``names`` lists says EPERM, ``clone3`` ENOSYS,
    ``clone`` with a namespace flag EPERM, everything else runs."""
    column = 0 if machine == "x86_64" else 1
    denied = sorted({DENIED[name][column] for name in names})
    prog = [(LD_ABS_W, 0, 0, 4), (JEQ, 1, 0, AUDIT_ARCH[machine]), (RET, 0, 0, RET_KILL_PROCESS),
            (LD_ABS_W, 0, 0, 0)]
    if machine == "x86_64":  # the x32 ABI numbers the same calls differently: refuse all of it
        prog += [(JGE, 0, 1, X32_BIT), (RET, 0, 0, RET_ERRNO | EPERM)]
    for nr in denied:
        prog += [(JEQ, 0, 1, nr), (RET, 0, 0, RET_ERRNO | EPERM)]
    prog += [(JEQ, 0, 1, CLONE3[column]), (RET, 0, 0, RET_ERRNO | ENOSYS)]
    prog += [(JEQ, 0, 3, CLONE[column]), (LD_ABS_W, 0, 0, 16),  # clone's flags, low 32 bits
             (JSET, 0, 1, NAMESPACE_FLAGS), (RET, 0, 0, RET_ERRNO | EPERM)]
    prog += [(RET, 0, 0, RET_ALLOW)]
    return prog


def apply_seccomp(names: Iterable[str] = DENIED) -> None:
    machine = platform.machine()
    if machine not in AUDIT_ARCH:
        raise OSError(f"no seccomp filter written for {machine}")
    prog = seccomp_program(machine, names)
    code = b"".join(struct.pack("=HBBI", *insn) for insn in prog)
    buffer = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    fprog = SockFprog(len(prog), ctypes.cast(buffer, ctypes.c_void_p))
    if _libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(fprog), 0, 0) != 0:
        err = ctypes.get_errno()
        raise OSError(err, os.strerror(err))


# --- applying them -----------------------------------------------------------------------------


def confine(read: list[str], write: list[str]) -> tuple[list[str], dict[str, str]]:
    """Apply every layer this kernel allows; the layers applied, and why each other one was not."""
    applied: list[str] = []
    missing: dict[str, str] = {}
    if not sys.platform.startswith("linux"):
        return applied, {"linux": f"the sandbox's layers need Linux, not {sys.platform}"}
    if _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) == 0:
        applied.append("no_new_privs")
    else:
        missing["no_new_privs"] = os.strerror(ctypes.get_errno())
    abi = landlock_abi()
    if abi == 0:
        missing["landlock_files"] = "this kernel offers no Landlock (Linux 5.13 or later, enabled)"
    else:
        try:
            runtime, listed = runtime_paths()
            applied += restrict_files_and_network(abi, runtime + read, write, listed)
        except OSError as exc:
            missing["landlock_files"] = f"Landlock refused the rules ({exc.strerror})"
    if abi and abi < 4:
        missing["landlock_network"] = f"Landlock ABI {abi} has no network rules (4 has)"
    if abi and abi < 6:
        missing["landlock_scopes"] = f"Landlock ABI {abi} cannot scope signals (6 can)"
    if "no_new_privs" in applied:
        try:
            apply_seccomp()
            applied.append("seccomp")
        except OSError as exc:
            missing["seccomp"] = str(exc.strerror or exc)
    return applied, missing


def probe(folder: str) -> dict[str, object]:
    """Confine this process, then try what each layer forbids; what holds, as checked."""
    outside = os.path.realpath(__file__)  # readable before, and not in the allowed paths
    abi = landlock_abi()
    applied, missing = confine([], [folder])
    held = {}
    if "landlock_files" in applied:
        held["landlock_files"] = _refused(lambda: open(outside, "rb").close())
    if "seccomp" in applied:
        import socket

        held["seccomp"] = _refused(lambda: socket.socket(socket.AF_INET, socket.SOCK_STREAM).close())
    if "landlock_scopes" in applied:
        held["landlock_scopes"] = _refused(lambda: os.kill(os.getppid(), 0))
    for layer, ok in held.items():
        if not ok:
            applied.remove(layer)
            missing[layer] = "applied, but did not hold when tried"
    return {"applied": applied, "missing": missing, "landlock_abi": abi}


def _refused(action) -> bool:
    try:
        action()
    except OSError:
        return True
    return False


def main(argv: list[str]) -> None:
    if len(argv) == 3 and argv[1] == "--probe":
        print(json.dumps(probe(argv[2])))
        return
    if len(argv) < 4 or argv[2] != "--":
        sys.exit("usage: _confine.py POLICY -- PROGRAM ARG... | _confine.py --probe FOLDER")
    policy = json.loads(argv[1])
    if landlock_abi() >= 6:
        keep(policy, argv[3:])
    become(policy, argv[3:])  # without the signal scope nothing tells this run's processes apart


def become(policy: dict, program: list[str]) -> NoReturn:
    """Confine this process with every layer it can, then turn into ``program``; exit REFUSED
    before that when a layer the policy requires did not apply."""
    applied, missing = confine(list(policy.get("read", [])), list(policy.get("write", [])))
    absent = [layer for layer in policy.get("require", []) if layer not in applied]
    if absent:
        reasons = "; ".join(f"{layer}: {missing.get(layer, 'not applied')}" for layer in absent)
        sys.stderr.write(f"ava-confine: refused to run without {reasons}\n")
        sys.stderr.flush()
        os._exit(REFUSED)
    os.execv(program[0], program)


def keep(policy: dict, program: list[str]) -> NoReturn:
    """Stay as the run's keeper. The keeper's own Landlock domain scopes signals only, so
    ``kill(-1)`` from it reaches exactly this run's processes; the program runs as its child,
    confined further (``become``) in a nested domain, which cannot signal the keeper. When the
    program ends, or the executor asks (SIGTERM), the keeper kills every process of the run,
    daemons that left the session included, and exits as the program did."""
    _libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0)
    _restrict_self([0, 0, SCOPE_SIGNAL], [])  # handles nothing but the signal scope
    child = os.fork()
    if child == 0:
        become(policy, program)

    def sweep() -> None:
        try:
            os.kill(-1, signal.SIGKILL)
        except OSError:  # nothing left to kill
            pass

    def stopped(*_args: object) -> None:
        sweep()
        os._exit(128 + signal.SIGTERM)

    signal.signal(signal.SIGTERM, stopped)
    _, status = os.waitpid(child, 0)
    sweep()
    if os.WIFSIGNALED(status):
        sig = os.WTERMSIG(status)
        if sig != signal.SIGKILL:  # which has no handler to reset
            signal.signal(sig, signal.SIG_DFL)
        os.kill(os.getpid(), sig)
    os._exit(os.waitstatus_to_exitcode(status) if os.WIFEXITED(status) else 1)


if __name__ == "__main__":
    main(sys.argv)
