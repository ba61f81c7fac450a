"""A process that imports sps_desk once, then forks one child per fault case.

Starting Python and importing sps_desk takes seconds; a fork takes milliseconds, so the
fault suite runs hundreds of real processes — each killed, starved or fed a fuzzed file
— within the CI budget. The child is a real process with its own descriptors and its own
SQLCipher connection (the server never opens a base itself); it runs ``sps-desk``'s
``main`` or a scenario of :mod:`tests.faults.scenarios`, with its standard output and
error in files, under a memory limit (``RLIMIT_AS``) and a processor-time limit
(``RLIMIT_CPU``) when asked. The server can kill it with SIGKILL after a delay, and
reports how it ended.

Protocol: one JSON request per line on standard input, one JSON answer per line on
standard output (see :class:`tests.faults.support.ForkServer`). Started with
``LD_PRELOAD`` set to the I/O-error shim, the children arm the shim through their
environment (``SPS_FAULT_*``).
"""

from __future__ import annotations

import contextlib
import json
import os
import resource
import select
import signal
import sys
import time
import traceback
from typing import Any


def _vm_size() -> int:
    """Current virtual memory size of this process, in bytes."""
    with open("/proc/self/status", encoding="ascii") as status:
        for line in status:
            if line.startswith("VmSize:"):
                return int(line.split()[1]) * 1024
    return 0


def _child(request: dict[str, Any]) -> int:
    os.chdir(request["cwd"])
    for number, path in ((1, request["stdout"]), (2, request["stderr"])):
        handle = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        os.dup2(handle, number)
        os.close(handle)
    null = os.open(os.devnull, os.O_RDONLY)
    os.dup2(null, 0)
    os.close(null)
    os.environ.update(request.get("env", {}))
    if request.get("memory"):
        limit = _vm_size() + int(request["memory"])
        resource.setrlimit(resource.RLIMIT_AS, (limit, limit))
    if request.get("cpu"):
        seconds = int(request["cpu"])
        resource.setrlimit(resource.RLIMIT_CPU, (seconds, seconds + 1))
    if request["task"] == "cli":
        from sps_desk.cli.main import main

        return main(request["argv"])
    from tests.faults import scenarios

    return getattr(scenarios, request["scenario"])(**request.get("args", {}))


def _run(request: dict[str, Any]) -> dict[str, Any]:
    started = time.monotonic()
    pid = os.fork()
    if pid == 0:
        code = 99
        try:
            code = _child(request)
        except SystemExit as end:
            code = end.code if isinstance(end.code, int) else 1
        except BaseException:
            traceback.print_exc()
        finally:
            for stream in (sys.stdout, sys.stderr):
                # The child is ending: its exit status is its report.
                with contextlib.suppress(Exception):
                    stream.flush()
            os._exit(code)
    watch = os.pidfd_open(pid)
    kill_after = request.get("kill_after")
    timeout = float(request.get("timeout", 120))
    killed = timed_out = False
    while True:
        now = time.monotonic() - started
        wait = timeout - now
        if kill_after is not None and not killed:
            wait = min(wait, kill_after - now)
        ready, _, _ = select.select([watch], [], [], max(wait, 0))
        if ready:
            break
        now = time.monotonic() - started
        if kill_after is not None and not killed and now >= kill_after:
            os.kill(pid, signal.SIGKILL)
            killed = True
        elif now >= timeout:
            os.kill(pid, signal.SIGKILL)
            timed_out = True
    os.close(watch)
    _, status, usage = os.wait4(pid, 0)
    elapsed = time.monotonic() - started
    return {
        "status": os.waitstatus_to_exitcode(status),
        "killed": killed, "timed_out": timed_out, "elapsed": elapsed,
        "maxrss_kib": usage.ru_maxrss, "cpu": usage.ru_utime + usage.ru_stime,
    }


def main() -> None:
    """Import what the cases use, then serve requests until standard input closes."""
    from sps_desk.store.slots import use_test_cost

    # The children's bases use the test suite's cheap key derivation, as the tests do.
    use_test_cost()
    import openpyxl  # noqa: F401 - imported once here rather than in every child

    import sps_desk.cli.main
    import sps_desk.reports.consolidation
    import sps_desk.store.access
    import sps_desk.store.imports
    import sps_desk.store.retention
    import sps_desk.store.sync.transfer  # noqa: F401
    import tests.faults.scenarios  # noqa: F401

    answers = sys.stdout
    baseline = _vm_size()
    answers.write(json.dumps({"ready": True, "vm_size": baseline}) + "\n")
    answers.flush()
    for line in sys.stdin:
        answers.write(json.dumps(_run(json.loads(line))) + "\n")
        answers.flush()


if __name__ == "__main__":
    main()
