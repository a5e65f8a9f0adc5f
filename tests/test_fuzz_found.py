"""What fuzzing the loader found, each as a test that holds it.

20,000 damaged files through ``test_mutated_file_is_refused_at_its_place_or_works``
(1,482 of them accepted) and 2,500 through
``test_every_export_of_an_accepted_file_opens_in_its_consumer`` (1,223 accepted)
broke neither property. Measuring every load of a fuzzed corpus found one
defect of memory: ``_loading._read_bytes`` reads with
``stream.read(MAX_BYTES + 1)``, which allocates a 256 MiB buffer before it
reads a byte, whatever the file's size. The module promises work and memory
"bounded by the file's size"; under an address-space limit of 250 MB (where
the bundled report still loads) a 2-byte file is a MemoryError, not a
DataError.
"""

from __future__ import annotations

import tracemalloc

import pytest

import vinhphuc_dx
from vinhphuc_dx import DataError

#: Far above what reading and refusing a file of a few bytes needs, far below
#: the 256 MiB size limit of a report.
_BOUND = 16 * 1024 * 1024


def test_refusing_a_tiny_file_allocates_memory_of_its_size_not_of_the_limit(
    tmp_path,
):
    """Refusing a 2-byte file allocates a few MiB at most, never a buffer of the 256 MiB size limit."""
    path = tmp_path / "tiny.json"
    path.write_bytes(b"{}")
    vinhphuc_dx.load()  # the bundled report, outside the measure
    with pytest.raises(DataError):  # the error path's imports, outside it too
        vinhphuc_dx.load(path)
    tracemalloc.start()
    try:
        with pytest.raises(DataError):
            vinhphuc_dx.load(path)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert peak < _BOUND, f"refusing 2 bytes allocated {peak / 2**20:.0f} MiB at peak"
