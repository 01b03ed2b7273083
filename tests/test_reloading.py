"""The preview loads data/ again on every save, reading only the files that changed
(validate.ReadFiles): what it loads must be what a fresh load gives, errors included."""
from __future__ import annotations

import os
import shutil

import pytest

from hostile_data import MINI_DATA
from macros.errors import DataErrors
from macros.validate import ReadFiles, load_dataset


def load_both(data, read_files: ReadFiles):
    """(the load that reuses what earlier loads read, a fresh load): the Dataset or the error lines."""
    def outcome(*arguments):
        try:
            dataset = load_dataset(*arguments)
        except DataErrors as errors:
            return [str(error) for error in errors.errors]
        return {entity_id: dataset.get(entity_id) for entity_id in dataset.ids()}
    return outcome(data, read_files), outcome(data)


@pytest.fixture()
def data(tmp_path):
    shutil.copytree(MINI_DATA, tmp_path / "data")
    return tmp_path / "data"


def a_claim(data):
    return sorted((data / "claims").iterdir())[0]


def test_an_unchanged_file_is_not_read_again(data):
    read_files = ReadFiles()
    first = load_dataset(data, read_files)
    again = load_dataset(data, read_files)
    assert all(again.get(entity_id) is first.get(entity_id) for entity_id in first.ids())


def test_a_reload_sees_every_kind_of_edit_as_a_fresh_load_does(data):
    read_files = ReadFiles()
    load_dataset(data, read_files)
    claim = a_claim(data)
    text = claim.read_text(encoding="utf-8")
    stat = claim.stat()

    # Other words of the same length, and the file's old modification time (as `touch -r` or a
    # restored backup gives it): only the change time says the file changed.
    edited = text.replace("statement: \"", "statement: \"X", 1).replace("\n", "", 1)
    assert len(edited.encode()) == len(text.encode()) and edited != text
    claim.write_text(edited, encoding="utf-8")
    os.utime(claim, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    reused, fresh = load_both(data, read_files)
    assert reused == fresh

    claim.write_text(text + "unknown_field: 1\n", encoding="utf-8")  # an error
    reused, fresh = load_both(data, read_files)
    assert reused == fresh and any("unknown_field" in line for line in reused)
    reused, fresh = load_both(data, read_files)  # still an error while the file is unchanged
    assert reused == fresh and any("unknown_field" in line for line in reused)

    claim.write_text(text, encoding="utf-8")  # fixed
    reused, fresh = load_both(data, read_files)
    assert reused == fresh and isinstance(reused, dict)

    moved = claim.with_name("a-new-id.yaml")
    claim.rename(moved)  # a file renamed: another id, maybe links broken
    reused, fresh = load_both(data, read_files)
    assert reused == fresh
    moved.rename(claim)
    reused, fresh = load_both(data, read_files)
    assert reused == fresh and isinstance(reused, dict)
