"""Bundles: how a commune's changes travel between machines, signed by the commune's key.

Plain Python (no Django). A bundle is::

    MAGIC (b"COMUNA-SYNC\\x01") | header length (4 bytes, big-endian) | header (JSON, UTF-8)
    | body (zlib-compressed JSON) | Ed25519 signature (64 bytes) over everything before it

The header says whose bundle it is and what it holds (``commune``, ``seq``, ``changes``,
``ledger``…) and carries ``body_digest``, the SHA-256 of the compressed body, and
``body_length``; so a bundle cut short, altered or signed by another key is refused before a
byte of its body is read. See ``docs/sync.md``.
"""

from .bundle import (
    MAGIC,
    MAX_BODY,
    Bundle,
    BundleError,
    bundle_pack,
    bundle_peek,
    bundle_verify,
    key_generate,
    key_public,
)

__all__ = [
    "MAGIC",
    "MAX_BODY",
    "Bundle",
    "BundleError",
    "bundle_pack",
    "bundle_peek",
    "bundle_verify",
    "key_generate",
    "key_public",
]
