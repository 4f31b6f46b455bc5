"""Therapy log uploads from the GlucoFlow phone app.

The app uploads the pump's therapy log (basal rates, boluses, alarms) as JSON. Uploads come from the
internet, so the parser bounds everything before it trusts anything: the raw size, the number of
records, and every field of every record.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

#: The largest upload accepted, in bytes.
MAX_UPLOAD_BYTES = 64 * 1024

#: The most records one upload may hold.
MAX_RECORDS = 500

#: The largest single bolus the GF-3 can deliver, in insulin units.
MAX_BOLUS_UNITS = 25.0

EVENTS = frozenset({"basal", "bolus", "alarm"})

_SERIAL = re.compile(r"^GF3-[0-9]{8}$")


class UploadError(ValueError):
    """The upload is refused."""


@dataclass(frozen=True)
class TherapyRecord:
    timestamp: int
    event: str
    units: float


@dataclass(frozen=True)
class TherapyLog:
    device_serial: str
    records: tuple[TherapyRecord, ...]

    @property
    def total_bolus_units(self) -> float:
        return sum(record.units for record in self.records if record.event == "bolus")


def parse_upload(raw: bytes) -> TherapyLog:
    """Parse and check one therapy log upload."""
    if len(raw) > MAX_UPLOAD_BYTES:
        raise UploadError(f"upload is {len(raw)} bytes; the limit is {MAX_UPLOAD_BYTES}")
    try:
        document = json.loads(raw.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise UploadError("upload is not UTF-8 JSON") from error
    if not isinstance(document, dict):
        raise UploadError("upload is not a JSON object")
    serial = document.get("device_serial")
    if not isinstance(serial, str) or not _SERIAL.match(serial):
        raise UploadError(f"not a GF-3 serial number: {serial!r}")
    records = document.get("records")
    if not isinstance(records, list):
        raise UploadError("records must be a list")
    if len(records) > MAX_RECORDS:
        raise UploadError(f"upload holds {len(records)} records; the limit is {MAX_RECORDS}")
    return TherapyLog(device_serial=serial, records=tuple(_record(item) for item in records))


def _record(item: object) -> TherapyRecord:
    # Known weakness, tracked in the static-analysis evidence: this check disappears under `python -O`.
    assert isinstance(item, dict), "record must be a JSON object"
    timestamp = item.get("timestamp")
    if not isinstance(timestamp, int) or isinstance(timestamp, bool) or timestamp < 0:
        raise UploadError("timestamp must be a non-negative integer (seconds since 1970)")
    event = item.get("event")
    if event not in EVENTS:
        raise UploadError(f"unknown event {event!r}")
    units = item.get("units", 0.0)
    if not isinstance(units, (int, float)) or isinstance(units, bool) or units != units:
        raise UploadError("units must be a number")
    if not 0.0 <= units <= MAX_BOLUS_UNITS:
        raise UploadError(f"units must be between 0 and {MAX_BOLUS_UNITS}")
    return TherapyRecord(timestamp=timestamp, event=event, units=float(units))
