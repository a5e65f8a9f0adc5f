"""report.context: the 2025 merger, and the ISO 3166-2 codes to join on."""

from __future__ import annotations

import attrs
import pytest

import vinhphuc_dx


class TestIsoCodes:
    def test_codes_match_pycountry(self, report):
        """VN-70 is Vĩnh Phúc and VN-68 Phú Thọ in pycountry's ISO 3166-2 data."""
        pycountry = pytest.importorskip("pycountry")
        context = report.context
        former = pycountry.subdivisions.get(code=context.former_province_code)
        successor = pycountry.subdivisions.get(code=context.successor_code)
        assert (former.code, former.name, former.country_code) == (
            "VN-70",
            "Vĩnh Phúc",
            "VN",
        )
        assert (successor.code, successor.name) == ("VN-68", "Phú Thọ")
        assert context.successor.vi.startswith("Tỉnh " + successor.name)

    def test_older_files_load_without_them(self, raw, write):
        """A file written before the codes were recorded loads, with None."""
        del raw["context"]["former_province_code"]
        del raw["context"]["successor_code"]
        context = vinhphuc_dx.load(write(raw)).context
        assert context.former_province_code is None
        assert context.successor_code is None

    @pytest.mark.parametrize("bad", ["70", "vn-70", "VN70", "VN-7000", 70])
    def test_malformed_code_is_refused(self, raw, write, bad):
        """A code not shaped like ISO 3166-2 is a DataError naming the field."""
        raw["context"]["former_province_code"] = bad
        with pytest.raises(vinhphuc_dx.DataError, match="former_province_code"):
            vinhphuc_dx.load(write(raw))

    def test_model_refuses_too(self, report):
        """Built in code, the same rule holds."""
        with pytest.raises(ValueError, match="ISO 3166-2"):
            attrs.evolve(report.context, successor_code="Phu Tho")
