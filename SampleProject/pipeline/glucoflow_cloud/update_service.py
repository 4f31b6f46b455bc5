"""Firmware update service of the GlucoFlow cloud.

The service hands signed firmware manifests to the GlucoFlow phone app, which passes them on to the
GF-3 pump. Before a manifest is offered, the service checks three things:

* the manifest is signed with the Example Medical Devices release key (Ed25519, over the exact bytes);
* the update moves the pump forward: a higher firmware version, and a security version no lower than
  the pump's anti-rollback floor;
* the image name is a plain file name, so the download URL it builds stays under the release store.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from urllib.parse import quote, urlsplit

import requests
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PublicKey

#: Where released firmware images are served from.
DOWNLOAD_BASE = "https://updates.glucoflow.example.com/firmware"

#: The only host manifests are fetched from.
MANIFEST_HOST = "updates.glucoflow.example.com"

#: Manifests are a few hundred bytes; anything much larger is refused before parsing.
MAX_MANIFEST_BYTES = 16 * 1024

#: The device model this service distributes firmware for.
DEVICE_MODEL = "GF-3"

_VERSION = re.compile(r"^(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})\.(0|[1-9][0-9]{0,3})$")
_IMAGE_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9._-]{0,63}\.bin$")
_SHA256 = re.compile(r"^[0-9a-f]{64}$")


class ManifestError(ValueError):
    """The manifest is malformed or must not be offered to a pump."""


class SignatureError(ManifestError):
    """The manifest signature does not verify with the release key."""


class RollbackError(ManifestError):
    """The update would move the pump back to older or less secure firmware."""


@dataclass(frozen=True)
class FirmwareManifest:
    model: str
    version: tuple[int, int, int]
    security_version: int
    image: str
    sha256: str
    size: int

    @property
    def version_text(self) -> str:
        return ".".join(str(part) for part in self.version)


def parse_version(text: str) -> tuple[int, int, int]:
    """`MAJOR.MINOR.PATCH` as a tuple of integers; anything else is a ManifestError."""
    match = _VERSION.match(text) if isinstance(text, str) else None
    if match is None:
        raise ManifestError(f"not a firmware version: {text!r}")
    major, minor, patch = (int(group) for group in match.groups())
    return major, minor, patch


def load_public_key(raw: bytes) -> Ed25519PublicKey:
    """The release public key from its 32 raw bytes."""
    return Ed25519PublicKey.from_public_bytes(raw)


def verify_manifest(manifest: bytes, signature: bytes, public_key: Ed25519PublicKey) -> FirmwareManifest:
    """Verify the signature over the exact manifest bytes, then parse and check the manifest."""
    if len(manifest) > MAX_MANIFEST_BYTES:
        raise ManifestError(f"manifest is {len(manifest)} bytes; the limit is {MAX_MANIFEST_BYTES}")
    try:
        public_key.verify(signature, manifest)
    except InvalidSignature as error:
        raise SignatureError("manifest signature does not verify") from error
    try:
        document = json.loads(manifest.decode("utf-8"))
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise ManifestError("manifest is not UTF-8 JSON") from error
    if not isinstance(document, dict):
        raise ManifestError("manifest is not a JSON object")
    return _manifest_from(document)


def _manifest_from(document: dict) -> FirmwareManifest:
    model = document.get("model")
    if model != DEVICE_MODEL:
        raise ManifestError(f"manifest is for model {model!r}, not {DEVICE_MODEL}")
    security_version = document.get("security_version")
    if not isinstance(security_version, int) or isinstance(security_version, bool) or security_version < 0:
        raise ManifestError("security_version must be a non-negative integer")
    image = document.get("image")
    if not isinstance(image, str) or not _IMAGE_NAME.match(image):
        raise ManifestError(f"image must be a plain .bin file name: {image!r}")
    sha256 = document.get("sha256")
    if not isinstance(sha256, str) or not _SHA256.match(sha256):
        raise ManifestError("sha256 must be 64 lowercase hex digits")
    size = document.get("size")
    if not isinstance(size, int) or isinstance(size, bool) or not 0 < size <= 8 * 1024 * 1024:
        raise ManifestError("size must be between 1 byte and 8 MiB")
    return FirmwareManifest(
        model=model,
        version=parse_version(document.get("version")),
        security_version=security_version,
        image=image,
        sha256=sha256,
        size=size,
    )


def check_anti_rollback(installed: str, candidate: FirmwareManifest, security_floor: int) -> None:
    """Refuse a candidate that is not newer than the installed firmware or below the pump's security floor."""
    if candidate.version <= parse_version(installed):
        raise RollbackError(f"firmware {candidate.version_text} is not newer than installed {installed}")
    if candidate.security_version < security_floor:
        raise RollbackError(
            f"security version {candidate.security_version} is below the pump's floor {security_floor}"
        )


def download_url(manifest: FirmwareManifest) -> str:
    """The URL of the manifest's image in the release store."""
    return "/".join(
        (DOWNLOAD_BASE, quote(manifest.model, safe=""), quote(manifest.version_text, safe=""), quote(manifest.image, safe=""))
    )


def make_session() -> requests.Session:
    """An HTTP session that ignores the environment: no proxies from variables and no .netrc credentials."""
    session = requests.Session()
    session.trust_env = False
    return session


def fetch_manifest(session: requests.Session, url: str, timeout: float = 10.0) -> bytes:
    """The raw bytes of a manifest from the release host, size-limited."""
    parts = urlsplit(url)
    if parts.scheme != "https" or parts.hostname != MANIFEST_HOST or parts.username or parts.password:
        raise ManifestError(f"manifests are only fetched from https://{MANIFEST_HOST}/")
    response = session.get(url, timeout=timeout, stream=True)
    response.raise_for_status()
    body = response.raw.read(MAX_MANIFEST_BYTES + 1, decode_content=True)
    if len(body) > MAX_MANIFEST_BYTES:
        raise ManifestError("manifest response is too large")
    return body
