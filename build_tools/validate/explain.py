"""Pydantic's validation errors in an editor's words: each as `path:line:col`, what is wrong, and a hint."""

from __future__ import annotations

import difflib
import math
from typing import Any

from pydantic import BaseModel, ValidationError

from build_tools.load import placeholders
from build_tools.load.safety import describe_foreign
from build_tools.load.yamlload import Doc
from build_tools.model.base import MAX_ORDER
from build_tools.problems import Collector, did_you_mean


def report_model_errors(doc: Doc, model_cls: type[BaseModel], err: ValidationError, problems: Collector) -> None:
    """Report each of a file's validation errors once, at its line, leaving placeholders to their own rule."""
    for error in _merge_typos(model_cls, err.errors(include_url=False)):
        if error["type"] not in ("missing", "extra_forbidden") and placeholders.holds_placeholder(error.get("input")):
            continue  # the placeholder itself is reported, with what to write instead
        _report_validation_error(doc, model_cls, error, problems)


def _merge_typos(model_cls: type[BaseModel], errors: list[Any]) -> list[Any]:
    """A misspelt required field is one mistake: keep "unknown field … did you mean", drop "missing"."""
    missing = {tuple(e["loc"]) for e in errors if e["type"] == "missing"}
    covered: set[tuple[Any, ...]] = set()
    for error in errors:
        loc = tuple(error["loc"])
        if error["type"] == "extra_forbidden" and isinstance(loc[-1], str):
            close = difflib.get_close_matches(loc[-1], _fields_at(model_cls, loc[:-1]), n=1, cutoff=0.6)
            if close and (*loc[:-1], close[0]) in missing:
                covered.add((*loc[:-1], close[0]))
    return [e for e in errors if not (e["type"] == "missing" and tuple(e["loc"]) in covered)]


def _report_validation_error(doc: Doc, model_cls: type[BaseModel], error: Any, problems: Collector) -> None:
    """Turn one pydantic error into a `path:line:col` problem with a hint."""
    loc = tuple(error["loc"])
    kind = error["type"]
    field = next((part for part in reversed(loc) if isinstance(part, str)), "value")
    value = error.get("input")
    line, col = doc.where(loc, key=kind == "extra_forbidden")
    message, hint = _explain(kind, field, value, error, _fields_at(model_cls, loc[:-1]))
    foreign = next((c for c in value if not c.isascii()), None) if isinstance(value, str) else None
    if kind == "string_pattern_mismatch" and field not in PATTERN_PROBLEMS and foreign is not None:
        message += f": {describe_foreign(foreign)} is not a plain letter"
        hint = "ids are lower-case ASCII letters, digits and hyphens: retype the character"
        line, col = doc.find(loc, foreign)
    if kind == "missing":
        line, col = doc.where(loc[:-1])
    problems.add(doc.path, line, col, message, hint)


def _explain(kind: str, field: str, value: Any, error: Any, siblings: list[str]) -> tuple[str, str]:
    if kind == "missing" and field == "cite":
        return (
            "statement has no citation (`cite:` is missing)",
            "add `cite:` with at least one `- source:` / `quote:` / `basis:` entry",
        )
    if kind == "missing":
        return f"missing required field '{field}'", f"add `{field}:` here; see schema/ for what it holds"
    if kind == "extra_forbidden":
        suggestion = did_you_mean(field, siblings)
        return f"unknown field '{field}'", suggestion or f"allowed fields here: {', '.join(siblings)}"
    if kind == "literal_error":
        expected = error.get("ctx", {}).get("expected", "")
        choices = [part.strip(" '") for part in expected.replace(" or ", ", ").split(",")]
        suggestion = did_you_mean(str(value), choices)
        return f"'{value}' is not a valid {field}", (suggestion + " " if suggestion else "") + f"use one of: {expected}"
    if kind == "string_too_long":
        limit = error.get("ctx", {}).get("max_length")
        return (
            f"'{field}' is {len(value)} characters long; the limit is {limit}",
            f"shorten it to {limit} characters or fewer (it has {len(value)})",
        )
    if kind == "string_too_short":
        return f"'{field}' is empty", "write the text, or remove the field if it is optional"
    if kind == "string_pattern_mismatch" and field in PATTERN_PROBLEMS:
        message, hint = PATTERN_PROBLEMS[field]
        return message.format(value=value), hint
    if kind == "string_pattern_mismatch":
        return f"'{value}' is not a valid id", "ids are lower-case letters, digits and hyphens, e.g. jane-doe"
    if kind == "too_short" and field == "cite":
        return (
            "statement has no citation (`cite:` is empty)",
            "add at least one `- source:` / `quote:` / `basis:` entry",
        )
    if kind == "too_short":
        return f"'{field}' needs at least one entry", "add an entry starting with `- `"
    if kind == "string_type" and value is None:
        return f"'{field}' is empty", "write the text after the colon, or remove the field if it is optional"
    if kind in ("int_type", "int_parsing", "int_from_float", "finite_number"):
        return f"'{field}' must be a whole number, not {_number_name(value)}", f"write a number such as `{field}: 10`"
    if kind in ("greater_than_equal", "less_than_equal"):
        low, high = -MAX_ORDER, MAX_ORDER
        return (
            f"'{field}' is {value}, out of range: it must be between {low} and {high}",
            f"write a whole number between {low} and {high} (lower comes first), e.g. `{field}: 10`",
        )
    if kind == "string_type":
        return (
            f"'{field}' must be text, not {_type_name(value)}",
            "write a sentence; put values like yes, no or 2024 in quotes",
        )
    if kind in ("model_type", "dict_type", "model_attributes_type"):
        return (
            f"'{field}' must be a mapping of fields, not {_type_name(value)}",
            "indent the fields under it, each as `name: value`",
        )
    if kind == "list_type":
        return (
            f"'{field}' must be a list, not {_type_name(value)}",
            "write each entry on its own line starting with `- `",
        )
    if kind == "value_error":
        message = str(error["msg"]).removeprefix("Value error, ")
        hint = next(
            (h for needle, h in VALUE_HINTS.items() if needle in message),
            "see the editing guide (docs/handbook/editing.md)",
        )
        return message, hint
    return f"'{field}': {error['msg']}", "see the editing guide (docs/handbook/editing.md)"


# Fields with a pattern other than an id's: message and hint when a value does not fit.
PATTERN_PROBLEMS = {
    "url": (
        "'{value}' is not an http or https address",
        "write the full address, e.g. https://example.org/story, or leave `url:` out",
    ),
    "retrieved": (
        "'{value}' is not a day written YYYY-MM-DD",
        'write the day the text was taken, e.g. retrieved: "2025-04-28"',
    ),
    "sha256": (
        "'{value}' is not a SHA-256 hash (64 lower-case hex digits)",
        "run `explainer reverify <source id> --accept` to write the hash of the text file",
    ),
}


# Hints for the models' own checks (model_validator messages in models.py).
VALUE_HINTS = {
    "needs `speaker:`": "add `speaker: <actor id>`, or choose basis: anonymous, reported or inferred",
    "only an on-record citation": "a speaker is named only when the person said it on the record",
    "needs `note:`": "add `note:` saying why the quote supports the statement",
    "needs `value:` or `relative:`": 'add `value: "2025-04"`, or the source\'s phrase as `relative:` with `source:`',
    "needs `source:`": "add `source: <source id>`: the source whose date the phrase is relative to",
    "retrieved '": 'write the day the text was taken as YYYY-MM-DD, e.g. retrieved: "2025-04-28"',
    "first step of `chain:`": "list `chain:` in order: the original report first, the text we hold last",
    "last step of `chain:`": "the last step is the text we hold: give it the source's "
    "language, or leave its `language:` out",
}


def _number_name(value: Any) -> str:
    """A value given where a whole number belongs, named as the editor would recognise it."""
    if isinstance(value, float) and math.isnan(value):
        return "'not a number' (.nan)"
    if isinstance(value, float) and math.isinf(value):
        return f"{'minus ' if value < 0 else ''}infinity ({'-' if value < 0 else ''}.inf)"
    if isinstance(value, float):
        return f"the decimal {value}"
    if isinstance(value, str) and value.strip().lstrip("+-").isdigit():
        return f"the text '{value}' (write it without quotes)"
    if isinstance(value, str):
        return f"the text '{value}'" if len(value) <= 40 else "text"
    return _type_name(value)


def _type_name(value: Any) -> str:
    names = {
        dict: "a mapping",
        list: "a list",
        bool: "yes/no",
        int: "a number",
        float: "a number",
        type(None): "empty",
        str: "text",
    }
    return names.get(type(value), type(value).__name__)


def _fields_at(model_cls: type[BaseModel], loc: tuple[Any, ...]) -> list[str]:
    """Field names of the model found at `loc`, for "did you mean" suggestions."""
    current: Any = model_cls
    for part in loc:
        if isinstance(part, int):
            continue
        field_info = current.model_fields.get(part) if hasattr(current, "model_fields") else None
        if field_info is None:
            return []
        current = _model_in(field_info.annotation)
        if current is None:
            return []
    return list(current.model_fields) if hasattr(current, "model_fields") else []


def _model_in(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in getattr(annotation, "__args__", ()):
        found = _model_in(arg)
        if found:
            return found
    return None
