"""Headers every answer carries, whatever page or error it is.

- X-Content-Type-Options: nosniff, so that a JSON or CSV answer that echoes what a visitor sent (an error naming
  their SQL) is never taken by a browser for a page;
- a Content-Security-Policy: scripts, styles, data and frames only from this site (Datasette's own pages and its
  plugins' put scripts in the page, which 'unsafe-inline' allows; no code is compiled from strings, so eval() and
  Function() are refused), the map's tiles from OpenStreetMap, no plugins
  (object-src), no other site framing the archive (but for the reconciliation service's previews, which OpenRefine
  shows in a frame of its own page), forms sent only here;
- Referrer-Policy: the address of a search is not told to the sites a page links to.
"""
from __future__ import annotations

import re

from datasette import hookimpl

TILES = "https://*.tile.openstreetmap.org https://tile.openstreetmap.org"
SOURCES = [
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    f"img-src 'self' data: {TILES}",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
]
POLICY = "; ".join([*SOURCES, "frame-ancestors 'none'"])
FRAMED_POLICY = "; ".join([*SOURCES, "frame-ancestors *"])
FRAMED = re.compile(r"^/[^/]+/organizations/-/reconcile/preview$")  # pages made to be shown in another site's frame
COMMON = [(b"x-content-type-options", b"nosniff"), (b"referrer-policy", b"strict-origin-when-cross-origin")]
HEADERS = [*COMMON, (b"content-security-policy", POLICY.encode())]
FRAMED_HEADERS = [*COMMON, (b"content-security-policy", FRAMED_POLICY.encode())]
NAMES = {name for name, _ in HEADERS}


def with_headers(message: dict, framed: bool = False) -> dict:
    if message["type"] != "http.response.start":
        return message
    kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in NAMES]
    return {**message, "headers": kept + (FRAMED_HEADERS if framed else HEADERS)}


def wrap(app):
    async def headed(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)
        framed = bool(FRAMED.match(scope.get("path", "")))

        async def send_with_headers(message):
            await send(with_headers(message, framed))

        return await app(scope, receive, send_with_headers)

    return headed


@hookimpl(trylast=True)  # called last, so wrapped around every other plugin's wrapper: their answers too
def asgi_wrapper(datasette):
    return wrap
