"""Files written by ``gtre convert`` and ``gtre solve --plot``: one error line, no silent overwrite."""

import errno
import os

import pytest
from click.testing import CliRunner

from gametheory_re.cli import main

TREE = "us_japan_china_sequential"


def run(*args):
    result = CliRunner().invoke(main, list(args))
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit), repr(result.exception)
    return result


def targets(tmp_path, suffix):
    (tmp_path / "file").write_text("")
    return [str(tmp_path / "file" / f"x{suffix}"), str(tmp_path / "missing" / f"x{suffix}"), f"/proc/x{suffix}"]


@pytest.mark.parametrize("command", [["convert", "us_china"], ["solve", TREE, "--plot"]])
def test_unwritable_targets_are_one_error_line(command, tmp_path):
    suffix = ".nfg" if command[0] == "convert" else ".png"
    for target in targets(tmp_path, suffix):
        result = run(*command, target)
        assert result.exit_code == 2
        assert result.output.strip().splitlines() == [result.output.strip()]
        assert target in result.output and "cannot write the file" in result.output


@pytest.mark.parametrize("command, name", [(["convert", "us_china"], "g.nfg"), (["solve", TREE, "--plot"], "t.pdf")])
def test_existing_file_needs_force(command, name, tmp_path):
    target = tmp_path / name
    target.write_text("precious")
    result = run(*command, str(target))
    assert result.exit_code == 2 and "exists; add --force to replace it" in result.output
    assert target.read_text() == "precious"
    result = run(*command, str(target), "--force")
    assert result.exit_code == 0, result.output
    assert target.read_bytes() != b"precious"


def test_solve_plot_and_sweep_plot_take_the_same_formats(tmp_path):
    from gametheory_re.presenters.pictures import PICTURE_FORMATS

    for suffix in PICTURE_FORMATS:
        assert run("solve", TREE, "--plot", str(tmp_path / f"t{suffix}")).exit_code == 0
        assert run("sweep", "us_china", "--vary", "rho=0:1:5", "--plot", str(tmp_path / f"s{suffix}")).exit_code == 0
    for command in (["solve", TREE], ["sweep", "us_china", "--vary", "rho=0:1:5"]):
        result = run(*command, "--plot", str(tmp_path / "x.gif"))
        assert result.exit_code == 2 and ".png, .svg, .pdf" in result.output


def test_full_disk_during_convert_is_one_error(tmp_path, monkeypatch):
    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr("gametheory_re.atomic.os.fsync", full)
    result = run("convert", "us_china", str(tmp_path / "g.nfg"))
    assert result.exit_code == 2 and "No space left on device" in result.output
    assert list(tmp_path.iterdir()) == []
