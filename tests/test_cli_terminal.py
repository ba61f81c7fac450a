"""The passphrase typed at a terminal (a real pseudo-terminal): ending or interrupting the
input at the prompt says one French line, exits 1 and opens nothing."""

from __future__ import annotations

import os
import pty
import select
import sys
import time
from pathlib import Path

import pytest

from tests.test_cli_libraries import demo_base  # noqa: F401 (fixture)


def _at_the_prompt(folder: Path, keys: bytes) -> tuple[str, int]:
    """Run ``sps-desk export`` on a terminal, type ``keys`` at its prompt; its screen
    and exit status."""
    environment = {k: v for k, v in os.environ.items() if k != "SPS_DESK_PASSPHRASE"}
    pid, terminal = pty.fork()
    if pid == 0:  # the child: the command, on the terminal
        os.chdir(folder)
        os.execve(sys.executable, [sys.executable, "-m", "sps_desk", "export", "--db", "d.sps",
                                   "--year", "2025", "--out", "s.json"], environment)
    screen = b""
    deadline = time.monotonic() + 120
    typed = False
    while time.monotonic() < deadline:
        if not typed and b"Phrase de passe : " in screen:
            os.write(terminal, keys)
            typed = True
        ready, _, _ = select.select([terminal], [], [], 0.05)
        if ready:
            try:
                chunk = os.read(terminal, 4096)
            except OSError:  # the command ended and closed the terminal
                break
            if not chunk:
                break
            screen += chunk
    _, status = os.waitpid(pid, 0)
    os.close(terminal)
    return screen.decode(), os.waitstatus_to_exitcode(status)


@pytest.mark.parametrize(("keys", "said"), [
    # Ctrl-D: the input ended.
    (b"\x04", "sps-desk : Saisie de la phrase de passe abandonnée (fin de saisie) : rien n'a "
              "été ouvert ni modifié. Relancez la commande et tapez la phrase de passe, ou "
              "utilisez --passphrase-file FICHIER."),
    # Ctrl-C.
    (b"\x03", "sps-desk : Interrompu : rien n'a été modifié par l'opération en cours."),
])
def test_the_prompt_left_says_one_french_line(demo_base: Path, tmp_path: Path,  # noqa: F811
                                              keys: bytes, said: str) -> None:
    for suffix in ("", ".keys"):
        Path(f"{tmp_path / 'd.sps'}{suffix}").write_bytes(Path(f"{demo_base}{suffix}").read_bytes())
    screen, status = _at_the_prompt(tmp_path, keys)
    assert status == (130 if keys == b"\x03" else 1)  # Ctrl-C: 128 + SIGINT, as shells
    assert screen.splitlines()[-1].strip() == said  # on its own line, not after the prompt
    assert "Traceback" not in screen
    assert not (tmp_path / "d.sps.open").exists()
    assert not (tmp_path / "s.json").exists()
