"""What a page's rendering reads: every query on the Site, recorded with a digest of its answer.

A page is a deterministic function of the generator's code, its templates, its own arguments and the
answers its rendering gets from the Site. `TracedSite` stands in for the Site while pages render and
records each query (a method call, a lookup in one of its tables, a memoised value with the queries
that built it) with a digest of the answer. After an edit, a page whose every recorded query still
gets an answer with the same digest from the new Site would be rendered to the same bytes, so its
previous Markdown is reused. Nothing is listed by hand: a template that starts reading something new
records it the first time it does.

Digests describe values completely: scalars, containers, paths, pydantic models (every field),
dataclasses (their init fields; fields computed in __post_init__ derive from them) and compiled
patterns. Anything else (a function, an open file) raises `Untracked`, and the page that read it is
simply not cached.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import enum
import functools
import re
from collections.abc import Callable, Iterator, Mapping
from hashlib import blake2b
from pathlib import PurePath
from typing import Any

import pydantic
from markupsafe import Markup

_SCALARS = (str, int, float, bool, bytes, type(None))
_RAISED = b"raised"


class Untracked(Exception):
    """A value the digest cannot describe; the page that read it is rendered on every build."""


class Digests:
    """Digests of values, each object's computed once (the Site and its models do not change)."""

    def __init__(self) -> None:
        self._known: dict[int, bytes] = {}
        self._alive: list[Any] = []  # keeps digested objects alive, so no id is reused while known

    def of(self, value: Any) -> bytes:
        """A 16-byte digest of a value and everything it holds."""
        if type(value) in _SCALARS:
            return _hash(repr(value).encode("utf-8", "surrogatepass"))
        lasting = not isinstance(value, (list, tuple, dict))  # answers' lists are new on every call
        known = self._known.get(id(value)) if lasting else None
        if known is None:
            hasher = blake2b(digest_size=16)
            self._feed(value, hasher.update)
            known = hasher.digest()
            if lasting:
                self._known[id(value)] = known
                self._alive.append(value)
        return known

    def _feed(self, value: Any, out: Callable[[bytes], object]) -> None:
        kind = type(value)
        out(kind.__qualname__.encode() + b"(")
        if kind in _SCALARS or isinstance(value, (Markup, dt.date, dt.time, PurePath)):
            out(repr(str(value) if isinstance(value, str) else value).encode("utf-8", "surrogatepass"))
        elif isinstance(value, enum.Enum):
            out(self.of(value.value))
        elif isinstance(value, (list, tuple)):
            for item in value:
                out(self.of(item))
        elif isinstance(value, Mapping):
            for key, item in value.items():
                out(self.of(key) + self.of(item))
        elif isinstance(value, (set, frozenset)):
            for item_digest in sorted(self.of(item) for item in value):
                out(item_digest)
        elif isinstance(value, pydantic.BaseModel):
            for name in kind.model_fields:
                out(self.of(getattr(value, name)))
            out(self.of(value.__pydantic_private__ or {}))
        elif dataclasses.is_dataclass(value):
            for item in dataclasses.fields(value):
                if item.init:
                    out(self.of(getattr(value, item.name)))
        elif isinstance(value, re.Pattern):
            out(self.of((value.pattern, value.flags)))
        else:
            raise Untracked(f"cannot describe a {kind.__qualname__}")
        out(b")")


def _hash(data: bytes) -> bytes:
    return blake2b(data, digest_size=16).digest()


# A query: what is asked ("" for the Site itself, a table's name, or a `site_query` function), the
# method ("" for a function), positional and keyword arguments.
Query = tuple[Any, str, tuple[Any, ...], tuple[tuple[str, Any], ...]]
Trace = dict[Any, tuple[Query, bytes]]  # query key → (query, digest of its answer)
UNTRACKED: Query = ("", "<untracked>", (), ())  # in a trace: the page read something no digest describes
_ERRORS = (KeyError, IndexError, ValueError, TypeError, AttributeError)


def site_query(function: Callable[..., Any]) -> Callable[..., Any]:
    """Mark a function of (site, ...) as one query: while pages render, its answer is recorded whole.

    For lookups that build an index of the whole content once and answer for one page: without the
    mark the page would depend on everything the index read; with it, only on its own answer.
    The function must depend on nothing but the Site and its arguments.
    """

    @functools.wraps(function)
    def query(site: Any, *args: Any, **kwargs: Any) -> Any:
        if isinstance(site, TracedSite):
            return _traced_call(site._reads, function, "", functools.partial(function, site._reads.site))(
                *args, **kwargs
            )
        return function(site, *args, **kwargs)

    return query


def _settle(value: Any) -> Any:
    """An answer as it can be kept and described: iterators and dictionary views as lists."""
    if isinstance(value, Iterator) or type(value).__name__ in ("dict_keys", "dict_values", "dict_items"):
        return list(value)
    return value


def _raised(err: Exception) -> bytes:
    return _hash(_RAISED + type(err).__name__.encode() + repr(err.args).encode())


class Reads:
    """One build's queries on one Site: answers' digests shared by all pages, and the trace being recorded."""

    def __init__(self, site: Any) -> None:
        self.site = site
        self.digests = Digests()
        self._answers: dict[Any, bytes] = {}
        self._stack: list[Trace] = []
        self.memos: dict[Any, tuple[Any, Trace]] = {}

    def key(self, query: Query) -> Any:
        """A dictionary key for a query: itself when its arguments are plain, else their digest."""
        table, method, args, kwargs = query
        if all(type(a) in _SCALARS for a in args) and all(type(v) in _SCALARS for _, v in kwargs):
            return query
        return (table, method, self.digests.of((args, kwargs)))

    def answer(self, query: Query) -> bytes:
        """The digest of this Site's answer to a query (asked once per build)."""
        key = self.key(query)
        found = self._answers.get(key)
        if found is None:
            target, method, args, kwargs = query
            if callable(target):
                function = functools.partial(target, self.site)
            else:
                function = getattr(getattr(self.site, target) if target else self.site, method)
            try:
                found = self.digests.of(_settle(function(*args, **dict(kwargs))))
            except _ERRORS as err:
                found = _raised(err)
            self._answers[key] = found
        return found

    def known(self, query: Query) -> bytes | None:
        """The digest of this build's answer to a query, if it was asked before (same Site, same answer)."""
        return self._answers.get(self.key(query))

    def record(self, query: Query, digest: bytes) -> None:
        """Note a query and its answer in the trace being recorded (if any)."""
        key = self.key(query)
        self._answers.setdefault(key, digest)
        if self._stack:
            self._stack[-1][key] = (query, digest)

    def start(self) -> None:
        """Begin a trace (a page, or a memoised value inside one)."""
        self._stack.append({})

    def stop(self) -> Trace:
        """End the innermost trace; its queries count for the trace around it too."""
        trace = self._stack.pop()
        if self._stack:
            self._stack[-1].update(trace)
        return trace

    def inherit(self, trace: Trace) -> None:
        """Count a memoised value's queries for the trace being recorded (if any)."""
        if self._stack:
            self._stack[-1].update(trace)

    def untracked(self) -> None:
        """Note that the page being recorded read something no digest describes: it is never reused."""
        if self._stack:
            self._stack[-1][UNTRACKED] = (UNTRACKED, b"")

    def unchanged(self, trace: Trace) -> bool:
        """Whether every query of a trace gets an answer with the same digest from this build's Site."""
        if UNTRACKED in trace:
            return False
        try:
            return all(self.answer(query) == digest for query, digest in trace.values())
        except Untracked:
            return False


class TracedSite:
    """The Site as pages see it while they render: the same answers, each recorded in `reads`."""

    def __init__(self, reads: Reads) -> None:
        self._reads = reads

    def __getattr__(self, name: str) -> Any:
        value = getattr(self._reads.site, name)
        if name == "memo":
            wrapped: Any = self._memo
        elif isinstance(value, Mapping):
            wrapped = _TracedTable(self._reads, name, value)
        elif callable(value):
            wrapped = _traced_call(self._reads, "", name, value)
        else:
            self._reads.untracked()
            return value
        object.__setattr__(self, name, wrapped)  # later reads skip __getattr__
        return wrapped

    def _memo(self, key: Any, build: Callable[[], Any]) -> Any:
        """Like Site.memo, for values built from traced queries: a page that reads one inherits its queries."""
        reads = self._reads
        found = reads.memos.get(key)
        if found is None:
            reads.start()
            try:
                value = build()
            finally:
                trace = reads.stop()
            reads.memos[key] = (value, trace)
            return value
        value, trace = found
        reads.inherit(trace)
        return value


class _TracedTable:
    """One of the Site's tables (entities, sources, dates, located), with every lookup recorded."""

    def __init__(self, reads: Reads, name: str, table: Mapping[Any, Any]) -> None:
        self._reads, self._name, self._table = reads, name, table

    def _ask(self, method: str, *args: Any) -> Any:
        return _traced_call(self._reads, self._name, method, getattr(self._table, method))(*args)

    def __getitem__(self, key: Any) -> Any:
        return self._ask("__getitem__", key)

    def get(self, key: Any, default: Any = None) -> Any:
        """A lookup with a default."""
        return self._ask("get", key, default)

    def __contains__(self, key: Any) -> bool:
        return bool(self._ask("__contains__", key))

    def __len__(self) -> int:
        return int(self._ask("__len__"))

    def __iter__(self) -> Iterator[Any]:
        return iter(self._ask("keys"))

    def keys(self) -> list[Any]:
        """The keys, in order."""
        return list(self._ask("keys"))

    def values(self) -> list[Any]:
        """The values, in order."""
        return list(self._ask("values"))

    def items(self) -> list[tuple[Any, Any]]:
        """The items, in order."""
        return list(self._ask("items"))


def _traced_call(reads: Reads, target: Any, method: str, function: Callable[..., Any]) -> Callable[..., Any]:
    """The function, with each call and a digest of its answer (or of what it raised) recorded."""

    def call(*args: Any, **kwargs: Any) -> Any:
        # An iterator argument is read once: the call gets it as a tuple, which can be asked again later.
        args = tuple(tuple(a) if isinstance(a, Iterator) else a for a in args)
        query: Query = (target, method, args, tuple(sorted(kwargs.items())))
        try:
            value = function(*args, **kwargs)
        except _ERRORS as err:
            reads.record(query, _raised(err))
            raise
        settled = _settle(value)
        try:
            reads.record(query, reads.known(query) or reads.digests.of(settled))
        except Untracked:
            reads.untracked()
        return iter(settled) if isinstance(value, Iterator) else settled

    return call
