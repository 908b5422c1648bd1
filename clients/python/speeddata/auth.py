"""The API key: where it comes from, what it may look like, and how it shows itself.

A key (``sd_<key_id>_<secret>``) is only ever written out as ``Authorization: Bearer <key>``
to the service's own origin. Everywhere else (``repr``, ``str``, error messages, logs) it
shows itself masked as ``sd_<key_id>_…``: the key id names the key for its owner and the
server's logs, the secret stays with the caller.
"""
from __future__ import annotations

import os
import re
from typing import Mapping, Optional, Union

__all__ = ["ApiKey", "ENV_VAR", "mask"]

ENV_VAR = "SPEEDDATA_API_KEY"

# RFC 9110 token68, the syntax of a Bearer credential: no spaces, no control characters, so a
# key can neither break a header nor smuggle another one in.
_TOKEN68 = re.compile(r"[A-Za-z0-9\-._~+/]+=*")
_KEY_ID = re.compile(r"sd_([A-Za-z0-9]{1,32})_")


def mask(key: str) -> str:
    """``sd_<key_id>_…`` for a key of the service's shape, ``…`` for anything else."""
    found = _KEY_ID.match(key)
    return f"sd_{found.group(1)}_…" if found else "…"


class ApiKey:
    """An API key that never shows its secret: ``repr`` and ``str`` are masked.

    Surrounding whitespace (a trailing newline from a key file) is dropped; anything else that
    is not a Bearer token (a space, a ``Bearer`` prefix, a control character) is refused with a
    :class:`ValueError` whose message names the key masked.
    """

    __slots__ = ("_value",)

    def __init__(self, value: str) -> None:
        if not isinstance(value, str):
            raise TypeError(f"api_key must be a str, not {type(value).__name__}")
        text = value.strip()
        if not _TOKEN68.fullmatch(text):
            raise ValueError(f"api_key {mask(text)} is not a Bearer token: expected sd_<key_id>_<secret> "
                             "without spaces, quotes or a 'Bearer ' prefix")
        self._value = text

    @classmethod
    def resolve(cls, api_key: Union[str, "ApiKey", None],
                environ: Mapping[str, str] = os.environ) -> Optional["ApiKey"]:
        """The key to use: ``api_key`` when given, else ``$SPEEDDATA_API_KEY``; None when neither
        is set. An empty ``api_key`` means "no key", even when the variable is set."""
        if isinstance(api_key, ApiKey):
            return api_key
        value = environ.get(ENV_VAR) if api_key is None else api_key
        if value is None or not value.strip():
            return None
        return cls(value)

    @property
    def key_id(self) -> Optional[str]:
        """The key id of an ``sd_<key_id>_<secret>`` key (safe to log), else None."""
        found = _KEY_ID.match(self._value)
        return found.group(1) if found else None

    @property
    def masked(self) -> str:
        return mask(self._value)

    def reveal(self) -> str:
        """The key itself, for the one place that sends it."""
        return self._value

    def authorization(self) -> str:
        """The value of the ``Authorization`` header."""
        return f"Bearer {self._value}"

    def scrub(self, data: bytes) -> bytes:
        """``data`` (a response body) with every occurrence of the key replaced by its masked form."""
        return data.replace(self._value.encode("ascii"), self.masked.encode("utf-8"))

    def __eq__(self, other: object) -> bool:
        return isinstance(other, ApiKey) and other._value == self._value

    def __hash__(self) -> int:
        return hash(self._value)

    def __repr__(self) -> str:
        return f"ApiKey({self.masked!r})"

    def __str__(self) -> str:
        return self.masked
