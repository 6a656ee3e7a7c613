"""Where this computer can be reached on the local network, found without the internet.

The laptop at the commune is reached by the phones on its wifi. ``comuna serve --lan`` prints
the addresses it has there, and the commune's settings page suggests them as the address for
phones (printed in the cards' QR codes). Nothing here sends a packet.
"""

from __future__ import annotations

import ipaddress
import os
import socket

# Set by ``comuna serve`` before its workers fork, so that a page can say where the server
# listens: "host port" (the host as given: 127.0.0.1, 0.0.0.0, an address).
SERVED_AT_VARIABLE = "COMUNA_SERVED_AT"
# Reserved for documentation (RFC 5737): never answered, and a UDP "connect" sends nothing.
_PROBE = ("192.0.2.1", 9)


def _usable(address: str) -> bool:
    try:
        ip = ipaddress.ip_address(address)
    except ValueError:
        return False
    return ip.version == 4 and not (ip.is_loopback or ip.is_unspecified or ip.is_link_local)


def lan_ipv4_addresses() -> list[str]:
    """This computer's IPv4 addresses that another machine on the network could use, the one
    of the default route first; none when the computer is on no network."""
    found: list[str] = []
    with socket.socket(socket.AF_INET, socket.SOCK_DGRAM) as probe:
        try:
            # Connecting a UDP socket sends nothing; it only picks the outgoing interface.
            probe.connect(_PROBE)
            found.append(probe.getsockname()[0])
        except OSError:
            pass
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None, socket.AF_INET)
    except OSError:
        infos = []
    found += [str(info[4][0]) for info in infos]
    return list(dict.fromkeys(address for address in found if _usable(address)))


def is_everywhere(host: str) -> bool:
    """Whether listening on ``host`` means every interface of the computer."""
    return host in {"0.0.0.0", "::", ""}  # noqa: S104 - naming the wildcard, not binding it


def is_local_only(host: str) -> bool:
    """Whether only this computer reaches a server listening on ``host``."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def url(host: str, port: int) -> str:
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}"


def phone_urls(host: str, port: int) -> list[str]:
    """The addresses phones on the wifi can open when the server listens on ``host``."""
    if is_everywhere(host):
        return [url(address, port) for address in lan_ipv4_addresses()]
    if is_local_only(host):
        return []
    return [url(host, port)]


def served_remember(host: str, port: int) -> None:
    """Called by the server before its workers start: they inherit where it listens."""
    os.environ[SERVED_AT_VARIABLE] = f"{host} {port}"


def served_phone_urls() -> list[str] | None:
    """The addresses for phones of the server this process belongs to; None when it is not
    ``comuna serve`` (a test, another server), since then nobody knows where it listens."""
    served = os.environ.get(SERVED_AT_VARIABLE, "")
    host, _sep, port = served.rpartition(" ")
    if not port.isdigit():
        return None
    return phone_urls(host, int(port))
