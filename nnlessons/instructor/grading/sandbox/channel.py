"""Framing of the child's messages: a 4-byte big-endian length, then that many bytes of
UTF-8 JSON. The parent reads with a byte cap and treats anything malformed as the end of
that submission's run (the child is the learner's process: its bytes are untrusted).
"""
from __future__ import annotations

import json
import struct

__all__ = ["HEADER", "ChannelError", "frame", "FrameReader"]

HEADER = struct.Struct(">I")


class ChannelError(ValueError):
    """The child sent bytes that are not a well-formed message."""


def frame(payload: bytes) -> bytes:
    """`payload` with its length header."""
    return HEADER.pack(len(payload)) + payload


class FrameReader:
    """Accumulates bytes from the child and yields decoded messages (dicts)."""

    def __init__(self, max_bytes: int, max_message: int = 16_000_000):
        self.max_bytes, self.max_message = max_bytes, max_message
        self.total = 0
        self._buf = bytearray()

    def feed(self, data: bytes) -> list[dict]:
        """Add `data`; return the complete messages it finished. Raises ChannelError
        past the total cap, for a message announced larger than `max_message` (before
        reading it), or on a malformed message."""
        self.total += len(data)
        if self.total > self.max_bytes:
            raise ChannelError(f"the submission sent back more than {self.max_bytes // 1_000_000} MB")
        self._buf += data
        out = []
        while len(self._buf) >= HEADER.size:
            (size,) = HEADER.unpack_from(self._buf)
            if size > self.max_message:
                raise ChannelError(f"the submission sent a message of {size // 1_000_000} MB "
                                   f"(at most {self.max_message // 1_000_000} MB)")
            if len(self._buf) < HEADER.size + size:
                break
            body = bytes(self._buf[HEADER.size:HEADER.size + size])
            del self._buf[:HEADER.size + size]
            try:
                msg = json.loads(body.decode("utf-8"))
            except (ValueError, RecursionError) as exc:  # bad UTF-8 or JSON, huge ints, deep nesting
                raise ChannelError(f"a malformed message from the child ({type(exc).__name__})") from None
            if not isinstance(msg, dict) or not isinstance(msg.get("type"), str):
                raise ChannelError("a message from the child without a type")
            out.append(msg)
        return out
