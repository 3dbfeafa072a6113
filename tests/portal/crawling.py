"""A small same-origin crawler over Django's test client, and the readable text of any answer it gets.

Plain helpers for tests/portal/test_isolation_crawl.py: breadth-first, GET only, and never through links that end
a session or change the language, so a crawl sees the portal as the person left it.
"""

import html
import io
import zipfile
from collections import deque
from http import HTTPStatus
from urllib.parse import urlencode, urljoin, urlsplit

from bs4 import BeautifulSoup
from pypdf import PdfReader
from pypdf.errors import PdfReadError

HOST = "testserver"  # the host Django's test client asks for
# Static files and uploaded images say nothing about people; the admin is the brand side (tested elsewhere).
# Logging out or switching the language would change the session the crawl is looking through.
SKIPPED_PREFIXES = ("/static/", "/media/", "/admin/", "/account/taal/")
LOGGING_OUT = ("logout", "uitloggen")
REDIRECTS = {
    HTTPStatus.MOVED_PERMANENTLY,
    HTTPStatus.FOUND,
    HTTPStatus.SEE_OTHER,
    HTTPStatus.TEMPORARY_REDIRECT,
    HTTPStatus.PERMANENT_REDIRECT,
}
NOT_SUBMITTED = {"submit", "button", "image", "file", "reset"}


def local_url(href, base):
    """`href` as a path with its query on this site, or None for other sites, other schemes and skipped areas."""
    if not href or href.strip().lower().startswith(("mailto:", "tel:", "javascript:", "data:")):
        return None
    parts = urlsplit(urljoin(f"http://{HOST}{base}", href.strip()))
    if parts.scheme not in ("http", "https") or parts.netloc != HOST:
        return None
    path = parts.path or "/"
    if path.startswith(SKIPPED_PREFIXES) or any(word in path for word in LOGGING_OUT):
        return None
    return f"{path}?{parts.query}" if parts.query else path


def form_query(form):
    """The query string a browser sends when someone submits this GET form without changing anything."""
    fields = []
    for field in form.find_all(["input", "select", "textarea"]):
        name = field.get("name")
        if not name or field.has_attr("disabled"):
            continue
        if field.name == "select":
            option = field.find("option", selected=True) or field.find("option")
            fields.append((name, option.get("value", option.get_text()) if option else ""))
        elif field.name == "textarea":
            fields.append((name, field.get_text()))
        elif field.get("type", "text").lower() in ("checkbox", "radio"):
            if field.has_attr("checked"):
                fields.append((name, field.get("value", "on")))
        elif field.get("type", "text").lower() not in NOT_SUBMITTED:
            fields.append((name, field.get("value", "")))
    return urlencode(fields)


def links_in(page_html, base):
    """Every same-origin URL a person can follow from this page.

    Besides links, images and GET forms, this counts the read-only boxes that hold a URL for copying (a share
    link, a customer's feedback link): a person hands those out, so they are reachable from the page too.
    """
    soup = BeautifulSoup(page_html, "html.parser")
    found = [tag.get("href") for tag in soup.find_all(["a", "link"], href=True)]
    found += [tag.get("src") for tag in soup.find_all("img", src=True)]
    found += [tag.get("value") for tag in soup.find_all("input", readonly=True, value=True)]
    for form in soup.find_all("form"):
        if form.get("method", "get").lower() == "get":
            action = form.get("action") or base.split("?")[0]
            query = form_query(form)
            found.append(f"{action}{'&' if '?' in action else '?'}{query}" if query else action)
    urls = (local_url(href, base) for href in found)
    return [url for url in urls if url]


def body_of(response):
    """The raw bytes of a response, streamed or not.

    Reading a streamed file to its end makes the test client close it, as a WSGI server would; closing it here
    as well would signal the end of a request once more, and that closes the test's database connection.
    """
    return b"".join(response.streaming_content) if response.streaming else response.content


def pdf_text(content):
    """The PDF's text and metadata; a file pypdf cannot read is searched as it is."""
    try:
        reader = PdfReader(io.BytesIO(content))
        metadata = [str(value) for value in (reader.metadata or {}).values()]
        return "\n".join([*metadata, *(page.extract_text() or "" for page in reader.pages)])
    except PdfReadError:
        return content.decode("latin-1")


def zip_text(content):
    """The XML inside an office file (XLSX, DOCX): where a spreadsheet keeps its cells."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        names = [name for name in archive.namelist() if name.endswith(".xml")]
        return html.unescape("\n".join(archive.read(name).decode("utf-8", "replace") for name in names))


def readable_text(response, content=None):
    """What a person could read in this answer: HTML and text decoded, PDFs and office files opened."""
    content = body_of(response) if content is None else content
    if content.startswith(b"%PDF"):
        return pdf_text(content)
    if content.startswith(b"PK\x03\x04"):
        return zip_text(content)
    text = content.decode(response.charset or "utf-8", "replace").lstrip("\ufeff")
    return html.unescape(text) if "html" in response.get("Content-Type", "") else text


def crawl(client, start="/", limit=500, visit=None):
    """{path: readable text} of every page answering 200 that this client reaches from `start`, breadth-first.

    `visit(url, response, content)`, when given, sees each of those answers as it comes: for checks of the raw
    answer (its headers, its HTML) rather than of what it says.
    """
    queue, queued, pages = deque([start]), {start}, {}
    while queue:
        assert len(queued) <= limit, f"the crawl passed {limit} URLs; is a link generating new ones?"
        url = queue.popleft()
        response = client.get(url)
        if response.status_code in REDIRECTS:
            found = [local_url(response["Location"], url)]
        elif response.status_code == HTTPStatus.OK:
            content = body_of(response)
            pages[url] = readable_text(response, content)
            if visit is not None:
                visit(url, response, content)
            is_html = "html" in response.get("Content-Type", "")
            found = links_in(content.decode(response.charset or "utf-8", "replace"), url) if is_html else []
        else:
            found = []
        for link in found:
            if link and link not in queued:
                queued.add(link)
                queue.append(link)
    return pages
