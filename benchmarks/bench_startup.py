"""Start-up of the standalone bundle against the virtualenv, measured in the same run
(issue 16).

Run: ``python benchmarks/bench_startup.py [--bundle dist/sps-desk] [--repeat N]
[--no-window]`` after ``packaging/build.sh``.

Two moments a user waits for, each for the bundle and for the virtualenv's ``sps-desk``:

* ``sps-desk --version``: the whole process, start to exit;
* the window: from the start of the process to its first window on screen (an X server,
  Xvfb, on a display of its own; ``xdotool`` sees it viewable), from an empty HOME, so
  the window is the first launch's « create the service's base » dialog.

« cold »: the first run after the program's own files (the bundle folder; the
virtualenv, its Python and the standard library) were dropped from the page cache with
``posix_fadvise(DONTNEED)`` — as after a reboot, for those files only, so that other
programs of the machine keep their cache. « warm »: the median of ``--repeat`` runs
following it. Wall-clock seconds, then the ratio bundle ÷ virtualenv; for ``--version``
also the CPU seconds, which a loaded machine does not inflate.
"""

from __future__ import annotations

import argparse
import os
import resource
import shutil
import statistics
import subprocess
import sys
import sysconfig
import tempfile
import time
from collections.abc import Callable, Iterable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
WINDOW_TIMEOUT = 120.0
"""Seconds after which a window that never shows is a failure."""


def evict(folders: Iterable[Path]) -> None:
    """Drop the files under ``folders`` from the page cache (their clean pages)."""
    for folder in folders:
        for path in [folder] if folder.is_file() else folder.rglob("*"):
            if not path.is_file() or path.is_symlink():
                continue
            try:
                descriptor = os.open(path, os.O_RDONLY)
            except OSError:
                continue
            try:
                os.posix_fadvise(descriptor, 0, 0, os.POSIX_FADV_DONTNEED)
            finally:
                os.close(descriptor)


def cold_then_warm(run: Callable[[], float], files: list[Path], repeat: int) -> tuple[float, float]:
    """(cold seconds, median warm seconds) of ``run``."""
    evict(files)
    cold = run()
    return cold, statistics.median(run() for _ in range(repeat))


def version_run(
    command: list[str], environment: dict[str, str], cpu: list[float]
) -> Callable[[], float]:
    """Wall-clock seconds of ``sps-desk --version``; its CPU seconds (user + system) are
    appended to ``cpu`` (on a loaded machine the wall clock mostly measures the wait)."""
    def run() -> float:
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        started = time.perf_counter()
        subprocess.run([*command, "--version"], env=environment, check=True,
                       stdout=subprocess.DEVNULL)
        elapsed = time.perf_counter() - started
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
        cpu.append(after.ru_utime - before.ru_utime + after.ru_stime - before.ru_stime)
        return elapsed
    return run


def window_run(command: list[str], environment: dict[str, str]) -> Callable[[], float]:
    """Seconds until a window of the started process is viewable on the X display."""
    def run() -> float:
        with tempfile.TemporaryDirectory(prefix="sps-desk-start-") as home:
            env = {**environment, "HOME": home}
            started = time.perf_counter()
            process = subprocess.Popen(command, env=env, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL)
            try:
                while True:
                    found = subprocess.run(
                        ["xdotool", "search", "--onlyvisible", "--pid", str(process.pid)],
                        env=env, capture_output=True, text=True, check=False)
                    if found.stdout.strip():
                        return time.perf_counter() - started
                    if process.poll() is not None:
                        raise SystemExit(f"{command[0]} stopped before showing a window")
                    if time.perf_counter() - started > WINDOW_TIMEOUT:
                        raise SystemExit(f"{command[0]}: no window after {WINDOW_TIMEOUT} s")
                    time.sleep(0.02)
            finally:
                process.terminate()
                process.wait()
    return run


def start_xvfb() -> tuple[subprocess.Popen, str]:
    """An Xvfb server on a free display number, and that display (``:N``)."""
    for number in range(90, 140):
        if Path(f"/tmp/.X11-unix/X{number}").exists() or Path(f"/tmp/.X{number}-lock").exists():
            continue
        server = subprocess.Popen(["Xvfb", f":{number}", "-screen", "0", "1366x768x24",
                                   "-nolisten", "tcp"], stderr=subprocess.DEVNULL)
        for _ in range(100):
            if Path(f"/tmp/.X11-unix/X{number}").exists():
                return server, f":{number}"
            time.sleep(0.05)
        server.terminate()
    raise SystemExit("no free X display for Xvfb")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bundle", type=Path, default=ROOT / "dist" / "sps-desk")
    parser.add_argument("--repeat", type=int, default=5)
    parser.add_argument("--no-window", action="store_true", help="only --version")
    args = parser.parse_args()
    bundle = args.bundle.resolve()
    venv_cli = Path(sys.executable).with_name("sps-desk")
    if not (bundle / "sps-desk").exists() or not venv_cli.exists():
        raise SystemExit(f"build the bundle first ({bundle}) and run with the .venv's python")
    programs = {
        "bundle": ([str(bundle / "sps-desk")], [bundle]),
        "virtualenv": ([str(venv_cli)], [
            Path(sys.prefix), Path(sysconfig.get_paths()["stdlib"]),
            Path(sys.executable).resolve()]),
    }
    environment = {key: value for key, value in os.environ.items()
                   if not key.startswith(("QT_", "SPS_DESK_", "XDG_"))}
    results: dict[tuple[str, str], tuple[float, float]] = {}
    cpu: dict[str, list[float]] = {}
    for name, (command, files) in programs.items():
        cpu[name] = []
        results["--version", name] = cold_then_warm(
            version_run(command, environment, cpu[name]), files, args.repeat)
    if not args.no_window:
        if shutil.which("Xvfb") is None or shutil.which("xdotool") is None:
            raise SystemExit("the window needs Xvfb and xdotool (or use --no-window)")
        server, display = start_xvfb()
        try:
            window_environment = {**environment, "DISPLAY": display, "QT_QPA_PLATFORM": "xcb"}
            for name, (command, files) in programs.items():
                results["window", name] = cold_then_warm(
                    window_run(command, window_environment), files, args.repeat)
        finally:
            server.terminate()
            server.wait()
    print(f"{'moment':<10} {'program':<11} {'cold s':>7} {'warm s':>7}   (warm: median of "
          f"{args.repeat})")
    for (moment, name), (cold, warm) in results.items():
        print(f"{moment:<10} {name:<11} {cold:7.2f} {warm:7.2f}")
    for name, seconds in cpu.items():
        print(f"--version  {name:<11} CPU s (median, cold run included): "
              f"{statistics.median(seconds):.2f}")
    for moment in dict.fromkeys(moment for moment, _ in results):
        bundle_cold, bundle_warm = results[moment, "bundle"]
        venv_cold, venv_warm = results[moment, "virtualenv"]
        print(f"{moment:<10} bundle ÷ virtualenv: cold {bundle_cold / venv_cold:.2f}, "
              f"warm {bundle_warm / venv_warm:.2f}")


if __name__ == "__main__":
    main()
