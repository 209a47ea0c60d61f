"""A real pseudo-terminal with a screen: the intake runs under pexpect and its output is fed to
pyte, a terminal emulator, so a test sees what a consultant sees at 24x80 (and what scrolled away)."""

from __future__ import annotations

import os
import re
import sys
import time

import pexpect
import pyte

ANSI = re.compile(r"\x1b\[[0-9;?]*[A-Za-z]|\x1b\][^\x07]*\x07|\r")


class Terminal:
    def __init__(self, args: list[str], home, rows: int = 24, columns: int = 80):
        xdg = {f"XDG_{k}_HOME": str(home / f".{k.lower()}") for k in ("DATA", "STATE", "CONFIG", "CACHE")}
        env = {"TERM": "xterm", "PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(home), "PROMPT_TOOLKIT_NO_CPR": "1",
               "LANG": "C.UTF-8", **xdg}
        self.screen = pyte.Screen(columns, rows)
        self.stream = pyte.Stream(self.screen)
        self.transcript = ""  # everything shown, escape codes removed
        self.child = pexpect.spawn(sys.executable, ["-m", "wmo_dsl.cli", *args], env=env, encoding="utf-8",
                                   dimensions=(rows, columns), timeout=10)

    def _read(self, wait: float) -> bool:
        try:
            data = self.child.read_nonblocking(65536, timeout=wait)
        except pexpect.TIMEOUT:
            return False
        except pexpect.EOF:
            raise
        self.stream.feed(data)
        self.transcript += ANSI.sub("", data)
        return True

    def lines(self) -> list[str]:
        return [line.rstrip() for line in self.screen.display]

    def cursor_line(self) -> str:
        return self.screen.display[self.screen.cursor.y].rstrip()

    def prompt(self, timeout: float = 10) -> str:
        """Wait until an empty prompt ("…>") waits at the cursor and nothing more arrives; return it."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            if not self._read(0.05) and re.search(r"(>|──)$", self.cursor_line()):
                return self.cursor_line()
        raise AssertionError(f"no prompt; the screen:\n" + "\n".join(self.lines()))

    def send(self, text: str, enter: bool = True, timeout: float = 10) -> None:
        """Type ``text`` (and Enter) and wait until the terminal took it (the accepted line ends, or a
        key's page prompt went), so the next :meth:`prompt` cannot see the old prompt again."""
        mark = len(self.transcript)
        if enter:
            self.child.sendline(text)
        else:
            self.child.send(text)
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            self._read(0.05)
            if ("\n" if enter else "") in self.transcript[mark:] and len(self.transcript) > mark:
                return
        raise AssertionError(f"{text!r} was not taken; the screen:\n" + "\n".join(self.lines()))

    def ended(self, timeout: float = 10) -> int:
        end = time.monotonic() + timeout
        try:
            while time.monotonic() < end:
                self._read(0.1)
        except pexpect.EOF:
            self.child.close()
            return self.child.exitstatus
        raise AssertionError("the intake did not end")
