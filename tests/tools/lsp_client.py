"""A small LSP client for the tests: JSON-RPC over the stdio of a real ``wmo lsp`` process.

Synchronous on purpose: a reader thread files every response by id and every
``publishDiagnostics`` by document, and the tests wait on them with a timeout.
"""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from pathlib import Path


class LspClient:
    def __init__(self, root: Path, env: dict | None = None):
        self.proc = subprocess.Popen([sys.executable, "-m", "wmo_dsl.cli", "lsp"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                                     stderr=subprocess.DEVNULL, cwd=root, env=env)
        self.lock = threading.Condition()
        self.responses: dict[int, dict] = {}
        self.published: dict[str, list[tuple[float, dict]]] = {}
        self.proven: dict[str, list[tuple[float, int | None]]] = {}  # uri -> (time, version) of each 'wmo/bewezen'
        self.next_id = 0
        threading.Thread(target=self._read, daemon=True).start()
        self.capabilities = self.request("initialize", {
            "processId": None, "rootUri": root.as_uri(), "workspaceFolders": [{"uri": root.as_uri(), "name": "werk"}],
            "capabilities": {"textDocument": {"publishDiagnostics": {"versionSupport": True}},
                             "workspace": {"workspaceEdit": {"documentChanges": True, "resourceOperations": ["create"]}}},
        })["capabilities"]
        self.notify("initialized", {})

    # ── the wire ──
    def _send(self, message: dict) -> None:
        body = json.dumps(message).encode()
        self.proc.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.proc.stdin.flush()

    def _read(self) -> None:
        stream = self.proc.stdout
        while True:
            length = None
            while True:
                line = stream.readline()
                if not line:
                    return
                if line in (b"\r\n", b"\n"):
                    break
                if line.lower().startswith(b"content-length:"):
                    length = int(line.split(b":")[1])
            message = json.loads(stream.read(length))
            with self.lock:
                if "id" in message and "method" in message:  # a request of the server: answer it plainly
                    self._send({"jsonrpc": "2.0", "id": message["id"], "result": None})
                elif "id" in message:
                    self.responses[message["id"]] = message
                elif message.get("method") == "textDocument/publishDiagnostics":
                    self.published.setdefault(message["params"]["uri"], []).append((time.monotonic(), message["params"]))
                elif message.get("method") == "wmo/bewezen":
                    self.proven.setdefault(message["params"]["uri"], []).append((time.monotonic(), message["params"]["version"]))
                self.lock.notify_all()

    def request(self, method: str, params, timeout: float = 30):
        with self.lock:
            self.next_id += 1
            ident = self.next_id
            self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
            if not self.lock.wait_for(lambda: ident in self.responses, timeout):
                raise TimeoutError(method)
            message = self.responses.pop(ident)
        if "error" in message:
            raise RuntimeError(message["error"]["message"])
        return message["result"]

    def notify(self, method: str, params) -> None:
        with self.lock:
            self._send({"jsonrpc": "2.0", "method": method, "params": params})

    # ── documents ──
    def open(self, uri: str, text: str, version: int = 1) -> None:
        self.published.pop(uri, None)
        self.proven.pop(uri, None)
        self.notify("textDocument/didOpen", {"textDocument": {"uri": uri, "languageId": "wmo", "version": version, "text": text}})

    def change(self, uri: str, text: str, version: int) -> None:
        self.notify("textDocument/didChange", {"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]})

    def close_document(self, uri: str) -> None:
        self.notify("textDocument/didClose", {"textDocument": {"uri": uri}})

    def diagnostics(self, uri: str, until=lambda diagnostics: True, timeout: float = 30) -> list[dict]:
        """The newest diagnostics of ``uri`` that satisfy ``until``."""
        def found():
            last = self.published.get(uri)
            return bool(last) and until(last[-1][1]["diagnostics"])
        with self.lock:
            if not self.lock.wait_for(found, timeout):
                raise TimeoutError(f"diagnostics of {uri}: {self.published.get(uri, [])[-1:]}")
            return self.published[uri][-1][1]["diagnostics"]

    def proofs(self, uri: str, version: int, timeout: float = 60) -> list[dict]:
        """The diagnostics of ``uri`` with the proofs of ``version`` (after its 'wmo/bewezen')."""
        with self.lock:
            if not self.lock.wait_for(lambda: any(v == version for _, v in self.proven.get(uri, [])), timeout):
                raise TimeoutError(f"proofs of {uri} version {version}")
            return next(p for _, p in reversed(self.published[uri]) if p.get("version") == version)["diagnostics"]

    def settled(self, uri: str, quiet: float = 1.5, timeout: float = 60) -> dict:
        """The last publication of ``uri`` once nothing new came for ``quiet`` seconds."""
        end = time.monotonic() + timeout
        while time.monotonic() < end:
            with self.lock:
                last = self.published.get(uri)
                if last and time.monotonic() - last[-1][0] > quiet:
                    return last[-1][1]
            time.sleep(0.1)
        raise TimeoutError(uri)

    def shutdown(self) -> int:
        self.request("shutdown", None)
        self.notify("exit", None)
        try:
            return self.proc.wait(10)
        finally:
            if self.proc.poll() is None:
                self.proc.kill()
