"""The intake's first line: with --geen-opslag it names no session id (none can be resumed)."""

import pexpect

from .test_intake_tui import plain, spawn


def test_without_saving_the_header_says_niet_bewaard_instead_of_a_session_id(tmp_path):
    child = spawn(tmp_path, "--regio", "lekstroom", "--geen-opslag")
    child.expect("resultaatgebieden>")
    header = plain(child.before)
    assert "· niet bewaard" in header and "sessie 20" not in header
    child.sendline("stop")
    child.expect(pexpect.EOF)
