"""Compression: a real server answers in gzip whoever accepts it, the same bytes smaller, but not the database file."""
from __future__ import annotations

import gzip

import httpx
import pytest
from support import served

GZIP = {"accept-encoding": "gzip"}
IDENTITY = {"accept-encoding": "identity"}


@pytest.fixture(scope="module")
def server(archive_db, tmp_path_factory):
    with served(archive_db, tmp_path_factory.mktemp("compression")) as running:
        yield running


def fetch(server, path: str, headers: dict) -> tuple[httpx.Headers, bytes]:
    """The headers and the bytes as they crossed the network, not decoded."""
    with httpx.stream("GET", server.url + path, headers=headers, timeout=30) as response:
        assert response.status_code == 200, path
        return response.headers, b"".join(response.iter_raw())


@pytest.mark.parametrize("path", [
    "/archive/passages.json?_shape=array", "/archive/documents.csv", "/archive/passages.csv?_stream=on",
    "/read/icmlpo-2009-11-resolution-on-iran?_format=json", "/feeds/documents.atom", "/sitemap.xml",
])
def test_json_csv_and_xml_are_gzipped_into_the_same_bytes(server, path):
    headers, raw = fetch(server, path, GZIP)
    assert headers["content-encoding"] == "gzip" and "accept-encoding" in headers["vary"].lower()
    plain_headers, plain = fetch(server, path, IDENTITY)
    assert "content-encoding" not in plain_headers
    assert gzip.decompress(raw) == plain
    assert len(raw) < len(plain) / 2


@pytest.mark.parametrize("path", ["/", "/archive/documents", "/read/icmlpo-2009-11-resolution-on-iran", "/archive/search?q=peru"])
def test_pages_are_gzipped(server, path):
    headers, raw = fetch(server, path, GZIP)
    assert headers["content-encoding"] == "gzip" and headers["content-type"].startswith("text/html")
    page = gzip.decompress(raw).decode()
    assert page.lstrip().startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert len(raw) < len(page.encode()) / 2


def test_the_database_file_is_sent_as_it_is(server):
    headers, raw = fetch(server, "/archive.db", GZIP)
    assert "content-encoding" not in headers
    assert raw == server.db.read_bytes()
