"""Request dependencies: the database and settings of the app, API keys, per-client
rate limits, and the check that every query parameter is one the route declares."""

from __future__ import annotations

import hashlib
import hmac
import threading
import time
from typing import Annotated

from fastapi import Depends, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer

from api.db import Database
from api.problems import Problem
from api.settings import Settings


def get_db(request: Request) -> Database:
    return request.app.state.db


def get_settings(request: Request) -> Settings:
    return request.app.state.settings


DbDep = Annotated[Database, Depends(get_db)]
SettingsDep = Annotated[Settings, Depends(get_settings)]

_api_key_header = APIKeyHeader(name="X-API-Key", auto_error=False)
_bearer = HTTPBearer(auto_error=False)
OPEN_PATHS = frozenset({"/healthz"})


def _given_key(key: str | None, cred: HTTPAuthorizationCredentials | None) -> str | None:
    return key or (cred.credentials if cred else None)


def _matches(given: str | None, expected: str | None) -> bool:
    return bool(given and expected and hmac.compare_digest(given.encode(), expected.encode()))


def _unauthorized(what: str) -> Problem:
    return Problem(401, "unauthorized", f"{what} need the API key: send it in X-API-Key or "
                   "Authorization: Bearer", headers={"WWW-Authenticate": "Bearer"})


def require_key(
    request: Request,
    key: Annotated[str | None, Depends(_api_key_header)],
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Writes need the API key when EXTRACTOR_API_KEY is set."""
    expected = request.app.state.settings.api_key
    if expected and not _matches(_given_key(key, cred), expected):
        raise _unauthorized("writes")


def require_read_key(
    request: Request,
    key: Annotated[str | None, Depends(_api_key_header)],
    cred: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> None:
    """Reads need the API key or the read key when either is set (/healthz and the HTML
    page shells stay open)."""
    s = request.app.state.settings
    if not (s.api_key or s.read_api_key) or request.url.path in OPEN_PATHS:
        return
    route = request.scope.get("route")
    if route is not None and not getattr(route, "include_in_schema", True):
        return  # page shells (review page, /docs) hold no data; their data calls need the key
    given = _given_key(key, cred)
    if not (_matches(given, s.api_key) or _matches(given, s.read_api_key)):
        raise _unauthorized("reads")


class RateLimiter:
    """Token buckets per client: `per_minute` requests, bursts up to the same number."""

    MAX_CLIENTS = 10_000

    def __init__(self, per_minute: int) -> None:
        self.rate = per_minute / 60.0
        self.capacity = float(per_minute)
        self.buckets: dict[str, tuple[float, float]] = {}
        self.lock = threading.Lock()

    def take(self, client: str) -> float:
        """0 when the request may go ahead, else the seconds to wait."""
        if self.rate <= 0:
            return 0.0
        now = time.monotonic()
        with self.lock:
            tokens, last = self.buckets.get(client, (self.capacity, now))
            tokens = min(self.capacity, tokens + (now - last) * self.rate)
            if tokens >= 1.0:
                self.buckets[client] = (tokens - 1.0, now)
                wait = 0.0
            else:
                self.buckets[client] = (tokens, now)
                wait = (1.0 - tokens) / self.rate
            if len(self.buckets) > self.MAX_CLIENTS:  # forget the idlest half
                for k, _ in sorted(self.buckets.items(), key=lambda kv: kv[1][1])[
                        : self.MAX_CLIENTS // 2]:
                    del self.buckets[k]
        return wait


def client_id(request: Request) -> str:
    """The API key (hashed) when one is sent, else the client address."""
    key = request.headers.get("x-api-key") or request.headers.get("authorization")
    if key:
        return "k:" + hashlib.sha256(key.encode()).hexdigest()[:16]
    return "a:" + (request.client.host if request.client else "unknown")


def rate_limit(request: Request) -> None:
    st = request.app.state
    who = client_id(request)
    limiters = [st.rate_limiter]
    if request.method == "POST":
        limiters.append(st.upload_limiter)
    for limiter in limiters:
        wait = limiter.take(who)
        if wait > 0:
            retry = max(1, int(wait + 0.999))
            raise Problem(429, "rate_limited", f"too many requests; retry in {retry} s",
                          headers={"Retry-After": str(retry)})


def _declared_query(app, path: str, method: str) -> frozenset[str] | None:
    cache = app.state.__dict__.setdefault("_declared_query", {})
    key = (path, method)
    if key not in cache:
        op = (app.openapi().get("paths", {}).get(path) or {}).get(method.lower())
        cache[key] = None if op is None else frozenset(
            p["name"] for p in op.get("parameters", []) if p.get("in") == "query")
    return cache[key]


def reject_unknown_query(request: Request) -> None:
    """A query parameter the route does not declare is a 422 (a typo must not widen a filter)."""
    route = request.scope.get("route")
    if route is None or not request.query_params:
        return
    allowed = _declared_query(request.app, route.path, request.method)
    if allowed is None:
        return
    unknown = sorted(set(request.query_params) - allowed)
    if unknown:
        raise Problem(422, "validation_error",
                      f"unknown query parameter(s): {', '.join(unknown)}; this endpoint takes "
                      f"{', '.join(sorted(allowed)) or 'none'}",
                      errors=[{"loc": ["query", u], "msg": "unknown parameter",
                               "type": "extra_forbidden"} for u in unknown])
