"""``newsprism serve``: a local, read-only web view over the store.

Pages: the stories list (search, paging), a story's dossier (the same views as
``dossier.html``, rebuilt from the store by ``api.story_dossier``), an article with its
highlights, a person (every quote and claim across the story's outlets), a quote cluster
and two articles side by side. Every page has a JSON twin: the same URL with ``.json``, or
``Accept: application/json``.

Safety: GET/HEAD only; ids are checked against a short pattern before anything is looked
up and never touch the file system; query parameters are bounded; every response carries a
strict Content-Security-Policy (no script at all, the one stylesheet by hash); errors are
short JSON or HTML messages, never a stack trace; the server binds 127.0.0.1 by default and
then answers only to local host names.
"""

from __future__ import annotations

import errno
import ipaddress
import json
import logging
import re
import socket
import threading
import time
from collections import OrderedDict
from collections.abc import AsyncIterator, Callable, Mapping, Sequence
from contextlib import asynccontextmanager
from typing import Any
from urllib.parse import quote, unquote, urlencode

from markupsafe import Markup
from starlette.applications import Starlette
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException
from starlette.middleware import Middleware
from starlette.middleware.trustedhost import TrustedHostMiddleware
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from newsprism import api
from newsprism.dossier.html import content_security_policy, jinja_env, stylesheet
from newsprism.dossier.views import Links, StoryView, view_context
from newsprism.errors import NewsprismError
from newsprism.store.base import Store
from newsprism.store.urls import mask_secrets

log = logging.getLogger("newsprism.web")

ID = re.compile(r"[A-Za-z0-9][A-Za-z0-9_-]{0,63}")  # story, article, entity, cluster ids
MAX_QUERY = 200  # characters of a search
MAX_PAGE = 10_000
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 25
MAX_STORY_ARTICLES = 300  # a story page rebuilds at most this many articles
CACHE_STORIES = 8  # rebuilt story dossiers kept in memory
CACHE_SECONDS = 60.0  # and for how long (the store may grow while we serve)
LOCAL_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")
FAVICON = (
    b'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 16 16">'
    b'<path d="M8 1 15 14H1z" fill="#174ea6"/></svg>'
)

_ENV = jinja_env("newsprism.dossier")


class WebError(Exception):
    """An answer with a status and a message a person can act on; a bad query parameter
    carries the code of an invalid option (E300)."""

    def __init__(self, status: int, message: str, code: str | None = None) -> None:
        super().__init__(message)
        self.status = status
        self.message = message
        self.code = code


# -- the store, behind a small cache -------------------------------------------------------
class Reader:
    """The one read-only store the app reads, kept open for its life: opened at startup and
    closed at shutdown (the app's lifespan), so its engine's connection pool, and each
    pooled SQLite connection's page cache, outlive a request. Requests in the server's
    threads share it: SQLAlchemy pools SQLite file connections across threads
    (``check_same_thread`` off) and PostgreSQL ones as usual; a read checks a connection
    out and back in, so each new request sees the rows writers have committed since. A
    request that comes when the store is not open (an app run without its lifespan) opens
    it."""

    def __init__(self, db_url: str) -> None:
        self.db_url = db_url
        self._store: Store | None = None
        self._lock = threading.Lock()

    def store(self) -> Store:
        """The open store (opened now if it is not)."""
        with self._lock:
            if self._store is None:
                self._store = api.open_reader(self.db_url)
            return self._store

    def close(self) -> None:
        with self._lock:
            store, self._store = self._store, None
        if store is not None:
            store.close()


class StoryCache:
    """Rebuilt story dossiers, a few at a time, for a minute; one rebuild at a time."""

    def __init__(self, reader: Reader, size: int = CACHE_STORIES, ttl: float = CACHE_SECONDS):
        self.reader = reader
        self.size = size
        self.ttl = ttl
        self._items: OrderedDict[str, tuple[float, Mapping[str, Any]]] = OrderedDict()
        self._lock = threading.Lock()

    def get(self, story_id: str) -> Mapping[str, Any]:
        with self._lock:
            hit = self._items.get(story_id)
            if hit is not None and time.monotonic() - hit[0] < self.ttl:
                self._items.move_to_end(story_id)
                return hit[1]
            try:
                data = api.story_dossier(
                    self.reader.store(), story_id, max_articles=MAX_STORY_ARTICLES
                ).data
            except NewsprismError as exc:
                raise _store_error(exc, f"no story {story_id!r} in the store") from None
            self._items[story_id] = (time.monotonic(), data)
            while len(self._items) > self.size:
                self._items.popitem(last=False)
            return data


def _store_error(exc: NewsprismError, not_found: str) -> WebError:
    if exc.code == "E204":
        return WebError(404, not_found)
    log.warning("store error: %s", mask_secrets(str(exc)))
    return WebError(503, f"the store cannot be read ({exc.code}); see the server's log")


# -- requests --------------------------------------------------------------------------------
def _wants_json(request: Request) -> bool:
    if request.url.path.endswith(".json"):
        return True
    accept = request.headers.get("accept", "")[:500].lower()
    return "application/json" in accept and "text/html" not in accept


def _param_id(request: Request, name: str) -> str:
    value = unquote(str(request.path_params.get(name, "")))
    if value.endswith(".json") and request.url.path.endswith(value):
        value = value[: -len(".json")]
    if not ID.fullmatch(value):
        raise WebError(404, f"no such {name.removesuffix('_id')}: ids are letters, digits, - and _")
    return value


def _int_param(request: Request, name: str, default: int, low: int, high: int) -> int:
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return default
    if len(raw) > 6 or not raw.isdigit() or not low <= int(raw) <= high:
        raise WebError(400, f"'{name}' must be a whole number from {low} to {high}", "E300")
    return int(raw)


CURSOR = re.compile(r"([0-9][0-9T:.+-]{0,39})~([A-Za-z0-9][A-Za-z0-9_-]{0,63})")


def _cursor_param(request: Request, name: str) -> tuple[str, str] | None:
    """A keyset cursor (``updated_at~story id``, as the pager's links carry it), checked."""
    raw = request.query_params.get(name)
    if raw is None or raw == "":
        return None
    found = CURSOR.fullmatch(raw)
    if found is None:
        raise WebError(400, f"'{name}' must be a link's cursor, time~story id", "E300")
    return found.group(1), found.group(2)


def cursor(story: Mapping[str, Any]) -> str | None:
    """The keyset cursor of a listed story (None where its time cannot be one)."""
    value = f"{story.get('updated_at')}~{story.get('id')}"
    return value if CURSOR.fullmatch(value) else None


def check_page_size(size: int) -> int:
    """The page size a server lists by default, checked (E300 outside 1..MAX_PAGE_SIZE)."""
    if not 1 <= size <= MAX_PAGE_SIZE:
        raise NewsprismError(
            "E300", f"--page-size must be a whole number from 1 to {MAX_PAGE_SIZE}, not {size}"
        )
    return size


def _json_default(value: Any) -> Any:
    return str(value)


def _json(data: Any, status: int = 200) -> Response:
    body = json.dumps(data, ensure_ascii=False, indent=2, default=_json_default)
    return Response(body + "\n", status_code=status, media_type="application/json")


def json_twin(request: Request) -> str:
    """The link to this page's JSON twin, built from the route that matched and its checked
    parameters, never from the raw path (``//evil.example/x`` would be an off-site link);
    a page no route matched links to the story list's twin."""
    route = request.scope.get("route")
    template = getattr(route, "path", None)
    if not isinstance(template, str) or template in ("/", "/favicon.ico"):
        path = "/stories"
    else:
        params = {
            name: quote(str(value).removesuffix(".json"), safe="")
            for name, value in request.path_params.items()
        }
        try:
            path = template.removesuffix(".json").format(**params)
        except (KeyError, IndexError):
            path = "/stories"
    query = urlencode(request.query_params.multi_items())
    return path.rstrip("/") + ".json" + (f"?{query}" if query else "")


class Pages:
    """The endpoints; each returns HTML or, for its JSON twin, JSON."""

    def __init__(self, db_url: str, page_size: int = DEFAULT_PAGE_SIZE) -> None:
        self.page_size = check_page_size(page_size)
        self.reader = Reader(db_url)
        self.stories = StoryCache(self.reader)
        self.style = stylesheet()

    def html(self, request: Request, template: str, code: int = 200, **context: Any) -> Response:
        page = _ENV.get_template(template).render(
            style=Markup(self.style),  # our constant stylesheet, never data
            json_href=json_twin(request),
            **context,
        )
        return HTMLResponse(page, status_code=code)

    def error(
        self, request: Request, status: int, message: str, code: str | None = None
    ) -> Response:
        if _wants_json(request):
            error: dict[str, Any] = {"status": status, "message": message}
            if code:
                error["code"] = code
            return _json({"error": error}, status)
        shown = f"{code}: {message}" if code else message
        return self.html(request, "web_error.html.j2", status, status=status, message=shown)

    # pages ----------------------------------------------------------------------------
    def home(self, request: Request) -> Response:
        return RedirectResponse("/stories", status_code=307)

    def favicon(self, request: Request) -> Response:
        return Response(FAVICON, media_type="image/svg+xml")

    def story_list(self, request: Request) -> Response:
        """Newest stories first, a page at a time: the pager's links carry a keyset cursor
        (``after``/``before``: the page's last or first story), so a deep page reads only
        its own rows; ``page`` alone (no cursor) still pages by offset."""
        query = request.query_params.get("q", "").strip()
        if len(query) > MAX_QUERY:
            raise WebError(400, f"'q' is limited to {MAX_QUERY} characters", "E300")
        page = _int_param(request, "page", 1, 1, MAX_PAGE)
        size = _int_param(request, "size", self.page_size, 1, MAX_PAGE_SIZE)
        after = _cursor_param(request, "after")
        before = _cursor_param(request, "before")
        if after and before:
            raise WebError(400, "give 'after' or 'before', not both", "E300")
        try:
            found = api.stored_stories(
                self.reader.store(),
                query or None,
                (page - 1) * size,
                size + 1,
                after=after,
                before=before,
            )
        except NewsprismError as exc:
            raise _store_error(exc, "no stories") from None
        if before is not None:  # newest first, the one beyond the page first
            more_before = len(found) > size
            found = found[-size:]
            more = True
        else:
            more = len(found) > size
            found = found[:size]
            more_before = page > 1

        def page_url(number: int, **key: str | None) -> str:
            params: dict[str, Any] = {"q": query, "page": number, "size": size, **key}
            if number == 1 and not key.get("after"):
                params.pop("before", None)  # the first page is the first page
            return "/stories?" + urlencode({k: v for k, v in params.items() if v})

        first_key = cursor(found[0]) if found else None
        last_key = cursor(found[-1]) if found else None
        prev_url = (
            page_url(page - 1, before=first_key) if more_before and page > 1 and first_key else None
        )
        next_url = page_url(page + 1, after=last_key) if more and last_key else None
        if _wants_json(request):
            return _json(
                {
                    "stories": found,
                    "q": query,
                    "page": page,
                    "size": size,
                    "prev": prev_url.replace("/stories?", "/stories.json?") if prev_url else None,
                    "next": next_url.replace("/stories?", "/stories.json?") if next_url else None,
                }
            )
        return self.html(
            request,
            "web_stories.html.j2",
            stories=found,
            q=query,
            page=page,
            size=size,
            prev_url=prev_url,
            next_url=next_url,
            max_query=MAX_QUERY,
        )

    def story(self, request: Request) -> Response:
        story_id = _param_id(request, "story_id")
        data = self.stories.get(story_id)
        if _wants_json(request):
            return _json(data)
        context = view_context(data, Links(story=story_id, in_page=True))
        return self.html(
            request,
            "web_story.html.j2",
            story_id=story_id,
            max_articles=MAX_STORY_ARTICLES,
            **context,
        )

    def _view(self, story_id: str) -> StoryView:
        return StoryView(self.stories.get(story_id), Links(story=story_id, in_page=False))

    def article(self, request: Request) -> Response:
        story_id = _param_id(request, "story_id")
        article_id = _param_id(request, "article_id")
        view = self._view(story_id)
        article = view.by_id.get(article_id)
        if article is None:
            raise WebError(404, f"no article {article_id!r} in story {story_id!r}")
        row = next(r for r in view.overview() if r["id"] == article_id)
        quotes = [q for q in view.quotes if q.get("article") == article_id]
        claims = [c for c in view.claims if c.get("article") == article_id]
        relations = [r for r in view.relations if article_id in (r.get("a"), r.get("b"))]
        if _wants_json(request):
            return _json(
                {
                    "story": story_id,
                    "article": article,
                    "derives_from": row["origins"],
                    "copied_by": row["copies"],
                    "quotes": quotes,
                    "claims": claims,
                    "relations": relations,
                    "removed": view.removed(article),
                }
            )
        others = [
            {"rel": r, "other": r["b"] if r.get("a") == article_id else r["a"]} for r in relations
        ]
        return self.html(
            request,
            "web_article.html.j2",
            story_id=story_id,
            view=view,
            links=view.links,
            a=article,
            row=row,
            others=others,
            open_removed=True,
        )

    def entity(self, request: Request) -> Response:
        story_id = _param_id(request, "story_id")
        entity_id = _param_id(request, "entity_id")
        view = self._view(story_id)
        found = next((e for e in view.d.get("entities") or [] if e.get("id") == entity_id), None)
        if found is None:
            raise WebError(404, f"no person {entity_id!r} in story {story_id!r}")
        x = view.entity(found)
        if _wants_json(request):
            return _json(
                {
                    "story": story_id,
                    "entity": found,
                    "quotes": [dict(q["q"], outlet=q["outlet"]) for q in x["quotes"]],
                    "claims": [dict(c["c"], outlet=c["outlet"]) for c in x["claims"]],
                    "conflicts": x["conflicts"],
                }
            )
        contexts = {
            q["q"]["id"]: view.snippet(
                view.by_id[q["q"]["article"]], q["q"]["start"], q["q"]["end"]
            )
            for q in x["quotes"]
            if q["q"].get("article") in view.by_id
            and isinstance(q["q"].get("start"), int)
            and isinstance(q["q"].get("end"), int)
        }
        return self.html(
            request,
            "web_entity.html.j2",
            story_id=story_id,
            view=view,
            links=view.links,
            x=x,
            contexts=contexts,
        )

    def cluster(self, request: Request) -> Response:
        story_id = _param_id(request, "story_id")
        cluster_id = _param_id(request, "cluster_id")
        view = self._view(story_id)
        found = next(
            (c for c in view.d.get("quote_clusters") or [] if c.get("id") == cluster_id), None
        )
        if found is None:
            raise WebError(404, f"no quote cluster {cluster_id!r} in story {story_id!r}")
        cl = view.cluster(found)
        if _wants_json(request):
            return _json(
                {
                    "story": story_id,
                    "cluster": found,
                    "members": [
                        {
                            "quote": m["quote"],
                            "outlet": m["outlet"],
                            "variant": m["variant"],
                            "diff": m["diff"],
                        }
                        for m in cl["members"]
                    ],
                }
            )
        return self.html(
            request, "web_cluster.html.j2", story_id=story_id, view=view, links=view.links, cl=cl
        )

    def compare(self, request: Request) -> Response:
        story_id = _param_id(request, "story_id")
        a_id = _param_id(request, "a")
        b_id = _param_id(request, "b")
        view = self._view(story_id)
        for article_id in (a_id, b_id):
            if article_id not in view.by_id:
                raise WebError(404, f"no article {article_id!r} in story {story_id!r}")
        relation = next(
            (r for r in view.relations if {r.get("a"), r.get("b")} == {a_id, b_id}), None
        )
        if relation is None:
            relation = {
                "a": a_id,
                "b": b_id,
                "kind": "not related",
                "derived": None,
                "score": None,
                "passages": [],
                "why": "no relation was found",
            }
        if _wants_json(request):
            a, b = view.by_id[relation["a"]], view.by_id[relation["b"]]
            passages = [
                dict(
                    p,
                    a_text=a["text"][p["a_start"] : p["a_end"]],
                    b_text=b["text"][p["b_start"] : p["b_end"]],
                )
                for p in relation.get("passages") or []
            ]
            return _json({"story": story_id, "relation": dict(relation, passages=passages)})
        pair = view.pair(relation, "pair1")
        return self.html(
            request,
            "web_compare.html.j2",
            story_id=story_id,
            view=view,
            links=view.links,
            p=pair,
            spin_ran=view.spin_ran,
        )

    def lineage(self, request: Request) -> Response:
        article_id = _param_id(request, "article_id")
        try:
            found = api.article_lineage(self.reader.store(), article_id)
        except NewsprismError as exc:
            raise _store_error(exc, f"no article {article_id!r} in the store") from None
        if _wants_json(request):
            return _json(found)
        story = found.get("story")
        if story is None:
            raise WebError(
                404,
                f"article {article_id!r} is stored but in no story: "
                "stories were not analysed when it was stored",
            )
        target = f"/stories/{story['id']}/articles/{article_id}"
        if not (ID.fullmatch(str(story["id"]))):
            raise WebError(404, f"no story for article {article_id!r}")
        return RedirectResponse(target, status_code=307)


# -- the application -------------------------------------------------------------------------
def security_headers(policy: str) -> dict[str, str]:
    return {
        "content-security-policy": policy,
        "x-content-type-options": "nosniff",
        "referrer-policy": "no-referrer",
        "x-frame-options": "DENY",
        "cross-origin-opener-policy": "same-origin",
        "cross-origin-resource-policy": "same-origin",
        "cache-control": "no-store",
        "vary": "Accept",
    }


class SecurityHeaders:
    """Strict headers on every response, errors included."""

    def __init__(self, app: ASGIApp, policy: str) -> None:
        self.app = app
        self.headers = security_headers(policy)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = MutableHeaders(scope=message)
                for name, value in self.headers.items():
                    headers[name] = value
            await send(message)

        await self.app(scope, receive, send_with_headers)


def create_app(
    db_url: str,
    *,
    allowed_hosts: Sequence[str] | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> Starlette:
    """The web app over the store at ``db_url`` (read-only; GET and HEAD only); the
    stories list shows ``page_size`` stories unless a request asks for another size. The
    store is opened once, read-only, when the app starts and closed when it stops."""
    pages = Pages(db_url, page_size)

    @asynccontextmanager
    async def lifespan(_app: Starlette) -> AsyncIterator[None]:
        pages.reader.store()
        try:
            yield
        finally:
            pages.reader.close()

    def endpoint(method: Callable[[Request], Response]) -> Callable[[Request], Response]:
        def run(request: Request) -> Response:
            try:
                return method(request)
            except WebError as exc:
                return pages.error(request, exc.status, exc.message, exc.code)
            except Exception:  # the log gets the trace, the reader a short message
                log.exception("error serving %s", request.url.path)
                return pages.error(request, 500, "internal error: the server's log says more")

        run.__name__ = method.__name__
        return run

    routes = [
        Route("/", endpoint(pages.home)),
        Route("/favicon.ico", endpoint(pages.favicon)),
        Route("/stories", endpoint(pages.story_list)),
        Route("/stories.json", endpoint(pages.story_list)),
        Route("/stories/{story_id}", endpoint(pages.story)),
        Route("/stories/{story_id}/articles/{article_id}", endpoint(pages.article)),
        Route("/stories/{story_id}/entities/{entity_id}", endpoint(pages.entity)),
        Route("/stories/{story_id}/quotes/{cluster_id}", endpoint(pages.cluster)),
        Route("/stories/{story_id}/compare/{a}/{b}", endpoint(pages.compare)),
        Route("/articles/{article_id}", endpoint(pages.lineage)),
    ]

    async def http_error(request: Request, exc: Exception) -> Response:
        status = exc.status_code if isinstance(exc, HTTPException) else 500
        messages = {
            404: "no such page: see /stories",
            405: "this view is read-only: only GET and HEAD are allowed",
        }
        message = messages.get(status, "bad request" if status < 500 else "internal error")
        return pages.error(request, status, message)

    policy = content_security_policy(pages.style, served=True)

    async def server_error(request: Request, exc: Exception) -> Response:
        # Outside the other middleware: the security headers are added here too.
        log.error("error serving %s: %s", request.url.path, exc.__class__.__name__)
        answer = pages.error(request, 500, "internal error: the server's log says more")
        answer.headers.update(security_headers(policy))
        return answer

    middleware = [Middleware(SecurityHeaders, policy=policy)]
    if allowed_hosts:
        middleware.append(Middleware(TrustedHostMiddleware, allowed_hosts=list(allowed_hosts)))
    return Starlette(
        routes=routes,
        middleware=middleware,
        exception_handlers={HTTPException: http_error, Exception: server_error},
        lifespan=lifespan,
    )


def check_store(db_url: str | None) -> str:
    """The store URL to serve, checked: an SQLite file must exist (serving never creates one)."""
    if not db_url:
        raise NewsprismError(
            "E300",
            "give the store to serve with --db URL, e.g. --db sqlite:///out/sample/newsprism.db "
            "(written by `newsprism analyze PATH --out out/sample`)",
        )
    path = api.store_file(db_url)
    if path is not None and not path.is_file():
        raise NewsprismError(
            "E201",
            f"no store at {path}: run `newsprism analyze PATH --out DIR` first and serve "
            "DIR/newsprism.db",
        )
    api.db_stats(db_url)  # opens it: a wrong URL or a newer schema fails here, not per page
    return db_url


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def serve(
    db_url: str | None,
    host: str = "127.0.0.1",
    port: int = 8765,
    on_ready: Callable[[str], None] | None = None,
    page_size: int = DEFAULT_PAGE_SIZE,
) -> None:
    """Serve the store read-only until interrupted. Binds this machine only by default; a
    local bind answers only to local host names (no DNS rebinding)."""
    import uvicorn

    check_page_size(page_size)
    url = check_store(db_url)
    local = is_loopback(host)
    app = create_app(
        url, allowed_hosts=[*LOCAL_HOSTS, host] if local else None, page_size=page_size
    )
    listening = bind_socket(host, port)  # before saying "serving": a busy port is E302
    shown = f"[{host}]" if ":" in host else host
    if on_ready is not None:
        on_ready(
            f"newsprism: serving {mask_secrets(url)} read-only at http://{shown}:{port}/"
            + ("" if local else f"  (bound to {host}: reachable from other machines)")
        )
    config = uvicorn.Config(
        app, host=host, port=port, log_level="warning", server_header=False, proxy_headers=False
    )
    with listening:
        uvicorn.Server(config).run(sockets=[listening])


def bind_socket(host: str, port: int) -> socket.socket:
    """A listening socket on ``host:port``, or E302 saying why there is none."""
    bare = host.strip("[]")
    family = socket.AF_INET6 if ":" in bare else socket.AF_INET
    try:
        return socket.create_server((bare, port), family=family)
    except OSError as exc:
        reason = "the port is in use" if exc.errno == errno.EADDRINUSE else exc.strerror or exc
        raise NewsprismError(
            "E302", f"cannot serve on {host}:{port}: {reason}; pass another --port or --host"
        ) from None
