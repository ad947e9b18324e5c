import os
import stat

import pytest

from gametheory_re.atomic import atomic_write_text, replacing


def test_written_files_get_ordinary_permissions(tmp_path):
    path = tmp_path / "out.txt"
    atomic_write_text(path, "hello")
    umask = os.umask(0)
    os.umask(umask)
    assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask
    assert path.read_text() == "hello"


def test_a_failure_leaves_the_old_file_and_no_temporary(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    with pytest.raises(RuntimeError):
        with replacing(path) as handle:
            handle.write("half")
            raise RuntimeError("interrupted")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]
