"""A page's fingerprint: a digest of everything its template reads while rendering it.

Pelican renders a page from a template and a context (the site-wide context plus the
page's own values). Which names a template reads is known before rendering: Jinja's
parser lists the variables a template and the templates it extends, includes and imports
read (their syntax trees' names), and the attributes read from them (``lab.topics``).
The fingerprint digests, for each of those names, the value the page's context holds,
deeply and by content (model records, posts, lists, dates), plus the sources of the
templates involved and the build's settings. Plugin code is not digested here: the cache
that keeps fingerprints lives in ``CACHE_PATH``, whose name is a digest of the plugin
sources (pelicanconf.py), so new code starts without fingerprints.

A value of a kind this module cannot digest by content makes the page *uncacheable*: it
is rendered every time. Correctness first; the randomised test in
``tests/incremental/test_incremental_equals_cold.py`` holds the fingerprints to it.
"""

from __future__ import annotations

import dataclasses
import enum
import functools
import hashlib
from collections.abc import Callable, Iterable, Iterator, Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import PurePath
from types import (
    BuiltinFunctionType,
    FunctionType,
    MethodDescriptorType,
    MethodType,
    ModuleType,
    WrapperDescriptorType,
)
from typing import Any

from jinja2 import Environment, Template, meta, nodes
from markupsafe import Markup
from pelican.contents import Content
from pelican.urlwrappers import URLWrapper

# Attributes never digested: the settings (digested once, see settings_digest) and the
# site-wide context a post keeps for resolving its links (its resolved ``content`` is
# digested instead).
SKIPPED_ATTRIBUTES = frozenset({"settings", "_context"})
# Settings that differ between two builds of the same tree without changing a page:
# where the build writes, the validated lab handed over by scripts/build.py, how many
# processes render and in which batches (the same bytes either way:
# tests/incremental/test_parallel_writing.py), which process indexes and where make
# serve's preview listens (a new socket per build).
VOLATILE_SETTINGS = frozenset({"OUTPUT_PATH", "LAB_VALIDATED", "PREVIOUS_OUTPUT_PATH",
                               "BUILD_TIMING_FILE", "WRITE_WORKERS", "WRITE_BATCH",
                               "SEARCH_INDEX_IN_PELICAN", "PREVIEW_SOCKET"})
# Jinja's own globals (range, dict, lipsum, cycler, joiner, namespace) are pure.
PURE_GLOBALS = frozenset(Environment().globals)


@dataclasses.dataclass(frozen=True)
class Lazy:
    """A value computed only when the page (or file) that shows it is rendered.

    Its digest is that of the function's name and arguments (the function's code is
    digested with the plugin sources), so a reused page does not compute it at all.
    """

    function: Callable[..., Any]
    args: tuple[Any, ...]
    kwargs: Mapping[str, Any]

    def value(self) -> Any:
        """Compute the value."""
        return self.function(*self.args, **self.kwargs)


def lazy(function: Callable[..., Any], *args: Any, **kwargs: Any) -> Lazy:
    """Return ``function(*args, **kwargs)`` computed only if needed (see :class:`Lazy`)."""
    return Lazy(function, args, kwargs)


def resolved(context: Mapping[str, Any]) -> dict[str, Any]:
    """Return the context with its :class:`Lazy` values computed."""
    return {key: value.value() if isinstance(value, Lazy) else value
            for key, value in context.items()}


class Uncacheable(Exception):
    """A value whose content this module cannot digest; the page is always rendered."""


def reads(*paths: str) -> Callable[[Callable[..., Any]], Callable[..., Any]]:
    """Declare what a template global reads from the page context besides its arguments.

    ``env.globals`` functions that look things up at render time (``comments_of`` reads
    ``lab.discussions``) are hidden inputs; each declares them as dotted paths, and pages
    calling it depend on those values. A global without a declaration is uncacheable.
    """
    def declare(function: Callable[..., Any]) -> Callable[..., Any]:
        function.__reads__ = paths  # type: ignore[attr-defined]
        return function

    return declare


class Digester:
    """Content digests of values, memoised for one build.

    The site model does not change while pages are written, so an object keeps its digest.
    """

    def __init__(self) -> None:
        # id -> (value, digest): the value is kept so that its id is not reused.
        self._memo: dict[int, tuple[Any, bytes]] = {}
        self._active: dict[int, int] = {}  # ids being digested -> their depth

    def known(self, value: Any, digest: bytes) -> None:
        """Let ``value`` stand for ``digest`` (the settings for their digest)."""
        self._memo[id(value)] = (value, digest)

    def digest(self, value: Any) -> bytes:
        """Return bytes that stand for ``value``'s content (a scalar's own, else a digest)."""
        return self._digest(value)[0]

    def _digest(self, value: Any) -> tuple[bytes, int]:
        """Return the digest and the shallowest active ancestor a cycle pointed to.

        Such a digest is only right inside that ancestor, so it is not memoised.
        """
        key = id(value)
        memo = self._memo.get(key)  # first: a model shared by many lists is no scalar
        if memo is not None:
            return memo[1], _NO_CYCLE
        # Tuples, lists and dicts, the commonest containers, skip the tests for scalars.
        scalar = None if type(value) in _CONTAINERS else _scalar(value)
        if scalar is not None:  # a scalar stands for itself: hashing each costs more
            return b"s" + scalar, _NO_CYCLE
        if key in self._active:
            return b"c" + type(value).__qualname__.encode(), self._active[key]
        depth = len(self._active)
        self._active[key] = depth
        try:
            head, children = _parts(value)
            parts = [head]
            reached = _NO_CYCLE
            for child in children:
                fast = _FAST_SCALARS.get(type(child))
                if fast is not None:  # what _digest returns for it, without the call
                    child_digest = b"s" + fast(child)
                else:
                    child_digest, child_reached = self._digest(child)
                    if child_reached < reached:
                        reached = child_reached
                parts += (len(child_digest).to_bytes(4, "big"), child_digest)
        finally:
            del self._active[key]
        result = b"d" + hashlib.blake2b(b"".join(parts), digest_size=16).digest()
        if reached >= depth:
            self._memo[key] = (value, result)
            reached = _NO_CYCLE
        return result, reached


_NO_CYCLE = 1 << 30
_CONTAINERS = frozenset({tuple, list, dict})


def _hash(*parts: bytes) -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for part in parts:
        digest.update(len(part).to_bytes(4, "big"))
        digest.update(part)
    return digest.digest()


# The commonest scalar types by exact type: two million values at the big lab.
_FAST_SCALARS: dict[type, Callable[[Any], bytes]] = {
    str: lambda value: b"str:" + value.encode("utf-8", "surrogatepass"),
    Markup: lambda value: b"markup:" + value.encode("utf-8", "surrogatepass"),
    int: lambda value: b"int:%d" % value,
    bool: lambda value: b"bool:%d" % value,
    type(None): lambda value: b"None",
}


def _scalar(value: Any) -> bytes | None:
    """Bytes standing for a value without parts, or None."""
    fast = _FAST_SCALARS.get(type(value))
    if fast is not None:
        return fast(value)
    if value is None or isinstance(value, (bool, int, float, complex)):
        return f"{type(value).__qualname__}:{value!r}".encode()
    if isinstance(value, str):  # Markup and str render differently: the type counts
        kind = "markup" if isinstance(value, Markup) else type(value).__qualname__
        return kind.encode() + b":" + value.encode("utf-8", "surrogatepass")
    if isinstance(value, bytes):
        return b"bytes:" + value
    if isinstance(value, (datetime, time)):
        return f"{type(value).__qualname__}:{value.isoformat()}:{value.tzinfo!s}".encode()
    if isinstance(value, (date, timedelta, PurePath)):
        return f"{type(value).__qualname__}:{value!s}".encode()
    if isinstance(value, tzinfo):
        return f"tz:{value!s}".encode()
    if isinstance(value, enum.Enum):
        return f"{type(value).__qualname__}.{value.name}".encode()
    if isinstance(value, BuiltinFunctionType) and not _is_module(value.__self__):
        return None  # a bound method such as dict.items: it reads its object
    if isinstance(value, (MethodDescriptorType, WrapperDescriptorType)):  # str.upper
        return f"code:{value.__objclass__.__qualname__}.{value.__name__}".encode()
    if isinstance(value, (FunctionType, BuiltinFunctionType, type)):
        # Code is digested by the cache folder's name (plugin sources); a function in the
        # context stands for its name.
        return f"code:{value.__module__}.{value.__qualname__}".encode()
    return None


def _is_module(value: Any) -> bool:
    return value is None or isinstance(value, ModuleType)


def _parts(value: Any) -> tuple[bytes, Iterable[Any]]:
    """Return a container's head bytes and the children to digest after it, in render order."""
    cls: type = type(value)
    kind = cls.__qualname__.encode()
    if cls is Lazy:  # its arguments directly, not as a tuple and a dict digested apart
        return kind, [value.function, len(value.args), *value.args,
                      *(item for pair in value.kwargs.items() for item in pair)]
    if isinstance(value, (list, tuple)):
        return kind, value
    if isinstance(value, Mapping):
        return kind, [item for pair in value.items() for item in pair]
    if isinstance(value, (set, frozenset)):  # no order to keep: sort by the items' digests
        return kind, [b"".join(sorted(Digester().digest(item) for item in value))]
    if isinstance(value, MethodType):  # ``directory.organisation_url``: reads its object
        return kind + value.__func__.__qualname__.encode(), [value.__self__]
    if isinstance(value, BuiltinFunctionType):  # ``feed_groups.items``: reads its object
        return kind + value.__qualname__.encode(), [value.__self__]
    if isinstance(value, Content):
        return kind, [*_attributes(value), "content", _content_html(value)]
    if isinstance(value, URLWrapper):
        return kind, [value.name, value.slug, value.url]
    if dataclasses.is_dataclass(value):
        return kind, [item for name in _field_names(cls)
                      for item in (name, getattr(value, name))]
    if hasattr(value, "__dict__") or hasattr(value, "__slots__"):
        return kind, _attributes(value)
    raise Uncacheable(type(value).__qualname__)


@functools.cache
def _field_names(cls: type) -> tuple[str, ...]:
    return tuple(field.name for field in dataclasses.fields(cls))


def _attributes(value: Any) -> list[Any]:
    """Name and value of every attribute kept on an object (its ``__dict__`` and slots)."""
    names = list(getattr(value, "__dict__", {}))
    for cls in type(value).__mro__:
        slots = cls.__dict__.get("__slots__", ())
        names.extend([slots] if isinstance(slots, str) else slots)
    result: list[Any] = []
    for name in names:
        if name not in SKIPPED_ATTRIBUTES and name != "__dict__" and hasattr(value, name):
            result += [name, getattr(value, name)]
    return result


def _content_html(value: Content) -> Any:
    """Return a post's or page's HTML with its internal links resolved, as templates show it."""
    try:
        return value.content
    except Exception as error:  # a post without content: its digest is its attributes
        return type(error).__qualname__


def settings_digest(settings: Mapping[str, Any]) -> bytes:
    """Digest of the settings a build's pages may read.

    A value without a content digest (a plugin's filter object, say) counts by its key only;
    the code behind it is digested with the plugin sources.
    """
    digester = Digester()
    parts = []
    for key in sorted(settings):
        if key in VOLATILE_SETTINGS:
            continue
        try:
            parts.append(key.encode() + digester.digest(settings[key]))
        except Uncacheable:
            parts.append(key.encode() + b":object")
    return _hash(*parts)


@dataclasses.dataclass(frozen=True)
class TemplateInputs:
    """What a template and the templates it extends, includes and imports read.

    The names, and for names only read through attributes (``lab.topics``), those
    attributes.
    """

    sources: bytes  # digest of the templates' sources
    names: frozenset[str]
    attributes: Mapping[str, frozenset[str]]  # name -> attributes; absent: whole value

    @functools.cached_property
    def ordered(self) -> list[str]:
        """The names in a fixed order."""
        return sorted(self.names)


class TemplateAnalysis:
    """Parsed templates of one environment, each parsed once per build."""

    def __init__(self, env: Environment) -> None:
        self.env = env
        self._trees: dict[str, tuple[str, nodes.Template, list[str | None]]] = {}
        self._inputs: dict[str, TemplateInputs] = {}

    def _parsed(self, name: str) -> tuple[str, nodes.Template, list[str | None]]:
        if name not in self._trees:
            loader = self.env.loader
            assert loader is not None  # Pelican's environment always has one
            source = loader.get_source(self.env, name)[0]
            tree = self.env.parse(source, name)
            self._trees[name] = (source, tree, list(meta.find_referenced_templates(tree)))
        return self._trees[name]

    def inputs(self, name: str) -> TemplateInputs:
        """Analyse ``name`` and every template it extends, includes or imports."""
        if name not in self._inputs:
            self._inputs[name] = self._analyse(name)
        return self._inputs[name]

    def _analyse(self, name: str) -> TemplateInputs:
        closure: list[str] = []
        pending = [name]
        while pending:
            current = pending.pop()
            if current in closure:
                continue
            closure.append(current)
            for referenced in self._parsed(current)[2]:
                # A name computed at render time could be any template.
                pending.extend(self.env.list_templates() if referenced is None
                               else [referenced])
        trees = [self._parsed(key)[1] for key in closure]
        # Every name read anywhere, macros included (Jinja's find_undeclared_variables
        # leaves out names read inside macros, which see the caller's context).
        reads = [name for tree in trees for name in _context_reads(tree)]
        sources = _hash(*(f"{key}\0".encode() + self._parsed(key)[0].encode()
                          for key in sorted(closure)))
        return TemplateInputs(sources, frozenset(name.name for name in reads),
                              _attribute_reads(trees, reads))


def _context_reads(node: nodes.Node, bound: frozenset[str] = frozenset()
                   ) -> Iterator[nodes.Name]:
    """Yield the names ``node`` reads that may come from the page's context.

    Inside a macro (or a call block) its parameters, and inside a loop its variables, are
    its own and never the context's: ``{% macro tag_list(tags) %}`` reads no ``tags`` of the
    context (Pelican's list of every tag with all its posts; taking it for one made each post
    page depend on every post). Names set with ``{% set %}`` still count, which costs
    precision, never safety.
    """
    if isinstance(node, nodes.Name):
        if node.ctx == "load" and node.name not in bound:
            yield node
        return
    if isinstance(node, (nodes.Macro, nodes.CallBlock)):
        for default in node.defaults:
            yield from _context_reads(default, bound)
        if isinstance(node, nodes.CallBlock):
            yield from _context_reads(node.call, bound)
        parameters = bound | {argument.name for argument in node.args}
        for child in node.body:
            yield from _context_reads(child, parameters)
        return
    if isinstance(node, nodes.For):
        yield from _context_reads(node.iter, bound)
        for child in node.else_:
            yield from _context_reads(child, bound)
        target = node.target
        variables = bound | {name.name for name in (
            [target] if isinstance(target, nodes.Name) else target.find_all(nodes.Name))}
        for child in [*node.body, *([node.test] if node.test is not None else [])]:
            yield from _context_reads(child, variables)
        return
    for child in node.iter_child_nodes():
        yield from _context_reads(child, bound)


def _attribute_reads(trees: Iterable[nodes.Template], reads: list[nodes.Name]
                     ) -> dict[str, frozenset[str]]:
    """For each name read only as ``name.attribute``, the attributes read.

    ``reads`` are the names read from the context (:func:`_context_reads`).
    """
    read_ids = {id(name) for name in reads}
    uses: dict[str, int] = {}
    for name in reads:
        uses[name.name] = uses.get(name.name, 0) + 1
    attributes: dict[str, set[str]] = {}
    for tree in trees:
        for read in tree.find_all(nodes.Getattr):
            if isinstance(read.node, nodes.Name) and id(read.node) in read_ids:
                attributes.setdefault(read.node.name, set()).add(read.attr)
                uses[read.node.name] -= 1
    return {name: frozenset(attributes[name]) for name, count in uses.items()
            if count == 0 and name in attributes}


_MISSING = Markup("\0missing")



class Fingerprints:
    """Fingerprints of the pages of one build."""

    def __init__(self, settings: Mapping[str, Any]) -> None:
        self.settings = _hash(settings_digest(settings))
        self.digester = Digester()
        # Models that keep the settings (for their URL patterns) stand for them by digest.
        self.digester.known(settings, self.settings)
        self._analyses: dict[int, TemplateAnalysis] = {}
        # Per template, name -> (value, part) of the last page: most values are the same
        # objects page after page (the site-wide context, of which each page's is a copy).
        self._last: dict[tuple[int, str], dict[str, tuple[Any, bytes]]] = {}

    def page(self, template: Template, context: Mapping[str, Any]) -> str | None:
        """Return the fingerprint of ``template`` rendered with ``context`` (None: uncacheable)."""
        env = template.environment
        assert template.name is not None  # Pelican renders templates loaded by name
        if id(env) not in self._analyses:
            self._analyses[id(env)] = TemplateAnalysis(env)
        inputs = self._analyses[id(env)].inputs(template.name)
        last = self._last.setdefault((id(env), template.name), {})
        parts = [self.settings, inputs.sources, str(context.get("output_file")).encode()]
        try:
            for name in inputs.ordered:
                value = context.get(name, _MISSING)
                seen = last.get(name)
                if seen is not None and seen[0] is value:
                    parts.append(seen[1])
                    continue
                part = name.encode() + self._name_digest(env, inputs, name, context)
                if value is not _MISSING or not hasattr(env.globals.get(name), "__reads__"):
                    last[name] = (value, part)  # a global that reads the context: no
                parts.append(part)
        except Uncacheable:
            return None
        return _hash(*parts).hex()

    def value(self, name: str, value: Any) -> str | None:
        """Return the fingerprint of a file ``name`` made from ``value`` (None: uncacheable)."""
        try:
            return _hash(self.settings, name.encode(), self.digester.digest(value)).hex()
        except Uncacheable:
            return None

    def _name_digest(self, env: Environment, inputs: TemplateInputs, name: str,
                     context: Mapping[str, Any]) -> bytes:
        if name not in context:
            return self._global_digest(env, name, context)
        value = context[name]
        attributes = inputs.attributes.get(name)
        if attributes is None:
            return self.digester.digest(value)
        return _hash(*(attribute.encode() + self.digester.digest(
            getattr(value, attribute, _MISSING)) for attribute in sorted(attributes)))

    def _global_digest(self, env: Environment, name: str, context: Mapping[str, Any]
                       ) -> bytes:
        """Digest a template global: the context paths it declares (see :func:`reads`)."""
        if name not in env.globals or name in PURE_GLOBALS:  # a local or a pure function
            return b"g" + str(name in env.globals).encode()
        paths = getattr(env.globals[name], "__reads__", None)
        if paths is None:
            if callable(env.globals[name]):
                raise Uncacheable(f"template global {name} declares no reads")
            return self.digester.digest(env.globals[name])
        return _hash(*(path.encode() + self.digester.digest(_resolve(context, path))
                       for path in paths))


def _resolve(context: Mapping[str, Any], path: str) -> Any:
    """Return the value at a dotted ``path`` of the context (missing parts: a marker)."""
    head, *rest = path.split(".")
    value = context.get(head, _MISSING)
    for attribute in rest:
        value = getattr(value, attribute, _MISSING)
    return value
