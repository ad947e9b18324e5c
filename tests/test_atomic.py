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


from gametheory_re.atomic import check_target  # noqa: E402
from gametheory_re.errors import GameFileError  # noqa: E402


def _unwritable(tmp_path):
    """Paths no process can write, even as root: under a regular file, in a
    missing folder, in /proc."""
    (tmp_path / "file").write_text("a file, not a folder")
    return [tmp_path / "file" / "out.csv", tmp_path / "missing" / "out.csv", "/proc/out.csv"]


def test_unwritable_paths_are_one_error_naming_path_and_reason(tmp_path):
    for path in _unwritable(tmp_path):
        with pytest.raises(GameFileError, match="cannot write the file") as caught:
            atomic_write_text(path, "x")
        assert str(path) in str(caught.value)
        with pytest.raises(GameFileError, match="cannot write the file"):
            check_target(path)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["file"]


def test_full_disk_is_one_error_and_keeps_the_old_file(tmp_path, monkeypatch):
    import errno

    path = tmp_path / "out.txt"
    path.write_text("old")

    def full(fd):
        raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

    monkeypatch.setattr(os, "fsync", full)
    with pytest.raises(GameFileError, match="No space left on device"):
        atomic_write_text(path, "new")
    assert path.read_text() == "old"
    assert os.listdir(tmp_path) == ["out.txt"]


def test_data_is_synced_before_the_rename(tmp_path, monkeypatch):
    events = []
    real_fsync, real_replace = os.fsync, os.replace
    monkeypatch.setattr(os, "fsync", lambda fd: (events.append("fsync"), real_fsync(fd)))
    monkeypatch.setattr(os, "replace", lambda a, b: (events.append("replace"), real_replace(a, b)))
    atomic_write_text(tmp_path / "out.txt", "data")
    assert events[:2] == ["fsync", "replace"]
    assert (tmp_path / "out.txt").read_text() == "data"


def test_overwrite_false_refuses_an_existing_file(tmp_path):
    path = tmp_path / "out.txt"
    path.write_text("old")
    for call in (lambda: atomic_write_text(path, "new", overwrite=False), lambda: check_target(path, overwrite=False)):
        with pytest.raises(GameFileError, match="exists; pass overwrite=True to replace it"):
            call()
    with pytest.raises(GameFileError, match="exists; add --force"):
        check_target(path, overwrite=False, hint="add --force")
    assert path.read_text() == "old"
    atomic_write_text(path, "new")
    assert path.read_text() == "new"
    with pytest.raises(GameFileError, match="is a folder"):
        check_target(tmp_path)
