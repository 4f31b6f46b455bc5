"""Tests of the firmware update service: signature, anti-rollback and download URL checks."""

import hashlib
import json

import pytest
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

from glucoflow_cloud.update_service import (
    DOWNLOAD_BASE,
    ManifestError,
    RollbackError,
    SignatureError,
    check_anti_rollback,
    download_url,
    fetch_manifest,
    load_public_key,
    make_session,
    verify_manifest,
)

IMAGE = b"\x7fGF3 firmware image 3.1.0\x00" * 64


def manifest_bytes(**overrides):
    document = {
        "model": "GF-3",
        "version": "3.1.0",
        "security_version": 4,
        "image": "gf3-3.1.0.bin",
        "sha256": hashlib.sha256(IMAGE).hexdigest(),
        "size": len(IMAGE),
    }
    document.update(overrides)
    return json.dumps(document, sort_keys=True).encode("utf-8")


@pytest.fixture
def release_key():
    return Ed25519PrivateKey.generate()


@pytest.fixture
def public_key(release_key):
    raw = release_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    return load_public_key(raw)


class TestSignature:
    def test_valid_signature_is_accepted(self, release_key, public_key):
        manifest = manifest_bytes()
        parsed = verify_manifest(manifest, release_key.sign(manifest), public_key)
        assert parsed.version == (3, 1, 0)
        assert parsed.security_version == 4

    def test_tampered_manifest_is_rejected(self, release_key, public_key):
        signature = release_key.sign(manifest_bytes())
        with pytest.raises(SignatureError):
            verify_manifest(manifest_bytes(security_version=9), signature, public_key)


class TestAntiRollback:
    def test_newer_version_is_accepted(self, release_key, public_key):
        manifest = manifest_bytes(version="3.1.0", security_version=4)
        candidate = verify_manifest(manifest, release_key.sign(manifest), public_key)
        check_anti_rollback("3.0.7", candidate, security_floor=4)

    def test_older_version_is_rejected(self, release_key, public_key):
        manifest = manifest_bytes(version="3.0.2")
        candidate = verify_manifest(manifest, release_key.sign(manifest), public_key)
        with pytest.raises(RollbackError):
            check_anti_rollback("3.1.0", candidate, security_floor=0)

    def test_security_version_below_floor_is_rejected(self, release_key, public_key):
        manifest = manifest_bytes(version="3.2.0", security_version=3)
        candidate = verify_manifest(manifest, release_key.sign(manifest), public_key)
        with pytest.raises(RollbackError):
            check_anti_rollback("3.1.0", candidate, security_floor=4)


class TestDownload:
    def test_download_url_stays_under_release_store(self, release_key, public_key):
        manifest = manifest_bytes()
        candidate = verify_manifest(manifest, release_key.sign(manifest), public_key)
        assert download_url(candidate) == DOWNLOAD_BASE + "/GF-3/3.1.0/gf3-3.1.0.bin"

    def test_path_in_image_name_is_rejected(self, release_key, public_key):
        manifest = manifest_bytes(image="../../keys/release.bin")
        with pytest.raises(ManifestError):
            verify_manifest(manifest, release_key.sign(manifest), public_key)

    def test_session_ignores_netrc_and_foreign_hosts(self):
        session = make_session()
        assert session.trust_env is False
        with pytest.raises(ManifestError):
            fetch_manifest(session, "https://user:x@evil.example.net/manifest.json")
