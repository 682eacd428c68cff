"""Headers every answer carries, whatever page or error it is.

- X-Content-Type-Options: nosniff, so that a JSON or CSV answer that echoes what a visitor sent (an error naming
  their SQL) is never taken by a browser for a page;
- a Content-Security-Policy: scripts, styles, data and frames only from this site (Datasette's own pages and its
  plugins' put scripts in the page, which 'unsafe-inline' allows; no code is compiled from strings, so eval() and
  Function() are refused), the map's tiles from OpenStreetMap, no plugins
  (object-src), no other site framing the archive, forms sent only here;
- Referrer-Policy: the address of a search is not told to the sites a page links to.
"""
from __future__ import annotations

from datasette import hookimpl

TILES = "https://*.tile.openstreetmap.org https://tile.openstreetmap.org"
POLICY = "; ".join([
    "default-src 'self'",
    "script-src 'self' 'unsafe-inline'",
    "style-src 'self' 'unsafe-inline'",
    f"img-src 'self' data: {TILES}",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
])
HEADERS = [
    (b"x-content-type-options", b"nosniff"),
    (b"content-security-policy", POLICY.encode()),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
]
NAMES = {name for name, _ in HEADERS}


def with_headers(message: dict) -> dict:
    if message["type"] != "http.response.start":
        return message
    kept = [(name, value) for name, value in message.get("headers", []) if name.lower() not in NAMES]
    return {**message, "headers": kept + HEADERS}


def wrap(app):
    async def headed(scope, receive, send):
        if scope["type"] != "http":
            return await app(scope, receive, send)

        async def send_with_headers(message):
            await send(with_headers(message))

        return await app(scope, receive, send_with_headers)

    return headed


@hookimpl(trylast=True)  # called last, so wrapped around every other plugin's wrapper: their answers too
def asgi_wrapper(datasette):
    return wrap
