"""The guard on one connection: a deadline watchdog and the public-address check.

Apart from the client because it works at the socket level, fed by httpx's ``trace``
extension from whatever thread httpx connects on: a server dripping its headers or body a
byte at a time never trips a read timeout, so only shutting the socket when the page's
deadline passes bounds it; and only the address actually connected to (not the hostname,
which DNS or a redirect can point anywhere) tells whether it is a private one.
"""

from __future__ import annotations

import contextlib
import ipaddress
import socket
import threading
from typing import Any


class NotPublic(Exception):
    """Raised from the connection watch: the peer is not a public address."""

    def __init__(self, address: str) -> None:
        super().__init__(address)
        self.address = address


class Watch:
    """One request's guard, fed by httpx's ``trace`` extension: when the deadline passes
    it shuts the request's socket, which ends whatever read or write is waiting on it
    (connecting is bounded by the connect timeout, clamped to the time left); and, when
    private addresses are refused, it checks the address actually connected to, so
    neither a hostname nor a redirect nor DNS can lead to one."""

    def __init__(self, seconds: float, *, allow_private: bool) -> None:
        self._allow_private = allow_private
        self._socket: socket.socket | None = None
        self._expired = False
        self._lock = threading.Lock()
        self._timer = threading.Timer(max(0.0, seconds), self._expire)
        self._timer.daemon = True
        self._timer.start()

    def trace(self, event: str, info: dict[str, Any]) -> None:
        if event not in ("connection.connect_tcp.complete", "connection.start_tls.complete"):
            return
        stream = info["return_value"]
        sock = stream.get_extra_info("socket")
        if not isinstance(sock, socket.socket):
            return
        with self._lock:
            self._socket = sock
            if self._expired:
                _shut(sock)
        if not self._allow_private and event == "connection.connect_tcp.complete":
            address = str(sock.getpeername()[0])
            if not is_public(address):
                stream.close()
                raise NotPublic(address)

    def _expire(self) -> None:
        with self._lock:
            self._expired = True
            if self._socket is not None:
                _shut(self._socket)

    def stop(self) -> None:
        self._timer.cancel()


def _shut(sock: socket.socket) -> None:
    with contextlib.suppress(OSError):  # already closed
        sock.shutdown(socket.SHUT_RDWR)


def is_public(address: str) -> bool:
    """Whether an IP address is a public one: not private, loopback, link-local, shared,
    reserved or unspecified (an IPv4 address mapped into IPv6 is judged as IPv4)."""
    ip = ipaddress.ip_address(address.split("%", 1)[0])
    if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped is not None:
        ip = ip.ipv4_mapped
    return ip.is_global and not ip.is_multicast
