"""Tests of therapy log upload parsing and its limits."""

import json

import pytest

from glucoflow_cloud.telemetry import MAX_RECORDS, MAX_UPLOAD_BYTES, UploadError, parse_upload


def upload(records, serial="GF3-00012345"):
    return json.dumps({"device_serial": serial, "records": records}).encode("utf-8")


class TestTelemetryParsing:
    def test_valid_upload_is_parsed(self):
        log = parse_upload(
            upload(
                [
                    {"timestamp": 1761955200, "event": "basal", "units": 0.8},
                    {"timestamp": 1761958800, "event": "bolus", "units": 4.5},
                    {"timestamp": 1761962400, "event": "alarm"},
                ]
            )
        )
        assert log.device_serial == "GF3-00012345"
        assert len(log.records) == 3
        assert log.total_bolus_units == pytest.approx(4.5)


class TestTelemetryLimits:
    def test_oversize_upload_is_rejected(self):
        with pytest.raises(UploadError, match="limit"):
            parse_upload(b" " * (MAX_UPLOAD_BYTES + 1))

    def test_too_many_records_are_rejected(self):
        records = [{"timestamp": 0, "event": "alarm"}] * (MAX_RECORDS + 1)
        with pytest.raises(UploadError, match="records"):
            parse_upload(upload(records))

    def test_implausible_bolus_is_rejected(self):
        with pytest.raises(UploadError, match="units"):
            parse_upload(upload([{"timestamp": 0, "event": "bolus", "units": 250}]))
