"""Profile configs: loading, JSON-schema validation with readable errors, resolved per-section files.

Layout: ``config/profiles/<profile>/<section>.yaml`` holds one section; ``workflow/schemas/<section>.schema.yaml``
is its JSON schema. Every schema has its config file in every profile. A wrong type, an unknown key, an
out-of-range value, a non-finite number (``.nan``, ``.inf``), a float where an integer is expected
(``200.0``) or a violated cross-field rule (:mod:`lazyrich.config_rules`) raises :class:`ConfigError`
naming the profile, the section, the key, the bad value and what is allowed; so do a file that is not
valid YAML and a key given twice in one mapping (naming the file and the line). Nothing is written then.
"""

from __future__ import annotations

import hashlib
import json
import math
import os
from pathlib import Path
from typing import Any, Iterator

import jsonschema
import yaml

from lazyrich.config_rules import violations
from lazyrich.io import save_text
from lazyrich.origin import record_config

PROFILES = ("smoke", "default", "paper")


class ConfigError(ValueError):
    """A config value that is not allowed; the message says which key and what is allowed."""


def project_root() -> Path:
    """The repository root (``LAZYRICH_ROOT`` overrides the location inferred from this file)."""
    env = os.environ.get("LAZYRICH_ROOT")
    return Path(env) if env else Path(__file__).resolve().parents[2]


class _UniqueKeyLoader(yaml.SafeLoader):
    """PyYAML's safe loader refusing a key given twice in one mapping (PyYAML keeps the last silently)."""

    def construct_mapping(self, node, deep=False):
        seen = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            if key in seen:
                raise yaml.constructor.ConstructorError(
                    "while constructing a mapping", node.start_mark,
                    f"key '{key}' is given twice (first on line {seen[key] + 1})", key_node.start_mark)
            seen[key] = key_node.start_mark.line
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path) -> Any:
    """Parse a YAML config file; invalid YAML or a duplicate key raises :class:`ConfigError` naming the file."""
    try:
        with open(path) as stream:  # a stream, so that the error marks name the file
            return yaml.load(stream, Loader=_UniqueKeyLoader)  # noqa: S506 (a SafeLoader subclass)
    except yaml.YAMLError as err:
        raise ConfigError(f"{path} is not a valid config file:\n{err}") from None


def _integer(checker, instance) -> bool:
    """JSON Schema's ``integer`` accepts 200.0; the code needs a real integer (bool excluded, as in the spec)."""
    return isinstance(instance, int) and not isinstance(instance, bool)


_Validator = jsonschema.validators.extend(
    jsonschema.Draft202012Validator,
    type_checker=jsonschema.Draft202012Validator.TYPE_CHECKER.redefine("integer", _integer),
)


def _non_finite(values: Any, key: str = "") -> Iterator[tuple[str, float]]:
    """``(key, value)`` of every NaN or infinite float anywhere in ``values``."""
    items = values.items() if isinstance(values, dict) else enumerate(values) if isinstance(values, list) else ()
    for k, v in items:
        sub = f"{key}.{k}" if key else str(k)
        if isinstance(v, float) and not math.isfinite(v):
            yield sub, v
        else:
            yield from _non_finite(v, sub)


def _allowed(error: jsonschema.ValidationError) -> str:
    schema, kind = error.schema, error.validator
    if kind == "enum":
        return f"one of {schema['enum']}"
    if kind in ("minimum", "maximum", "exclusiveMinimum", "exclusiveMaximum"):
        bounds = [f"{k} {schema[k]}" for k in ("minimum", "exclusiveMinimum", "maximum", "exclusiveMaximum") if k in schema]
        return ", ".join(bounds)
    if kind == "type":
        return f"type {schema['type']}"
    if kind == "additionalProperties":
        return f"only the keys {sorted(schema.get('properties', {}))}"
    if kind == "required":
        return f"the required keys {schema['required']}"
    if kind in ("minItems", "maxItems", "minLength", "maxLength", "uniqueItems", "const", "pattern"):
        return f"{kind} {schema[kind]}"
    return f"the schema rule '{kind}'"


def validate(section: str, values: Any, profile: str = "?", schema_dir: Path | None = None) -> None:
    """Validate one config section against ``workflow/schemas/<section>.schema.yaml``."""
    schema_dir = schema_dir or project_root() / "workflow" / "schemas"
    schema_file = schema_dir / f"{section}.schema.yaml"
    if not schema_file.exists():
        raise ConfigError(
            f"config section '{section}' (profile '{profile}') has no schema: expected {schema_file}"
        )
    schema = yaml.safe_load(schema_file.read_text())
    validator = _Validator(schema)
    lines = [f"  - key '{key}': value {v} is not allowed; allowed: a finite number" for key, v in _non_finite(values)]
    errors = sorted(validator.iter_errors(values), key=lambda e: list(e.absolute_path))
    for err in errors:
        key = ".".join(str(p) for p in err.absolute_path) or "<section>"
        if err.validator == "additionalProperties":
            extra = sorted(set(err.instance) - set(err.schema.get("properties", {})))
            lines.append(f"  - unknown key(s) {extra} under '{key}'; allowed: {_allowed(err)}")
        else:
            bad = json.dumps(err.instance) if not isinstance(err.instance, dict) else "{...}"
            lines.append(f"  - key '{key}': value {bad} is not allowed ({err.message}); allowed: {_allowed(err)}")
    if not lines:  # cross-field rules assume a section that passed its schema
        lines = [f"  - key '{key}': value {json.dumps(v)} is not allowed; allowed: {allowed}"
                 for key, v, allowed in violations(section, values)]
    if lines:
        raise ConfigError(
            f"invalid config in profile '{profile}', section '{section}' ({schema_file.name}):\n" + "\n".join(lines)
        )


def load_profile(profile: str, root: Path | None = None) -> dict[str, dict]:
    """Load and validate every section of a profile; returns ``{section: values}``.

    Every schema under ``workflow/schemas/`` needs its ``<section>.yaml`` in the profile's folder.
    """
    root = root or project_root()
    if profile not in PROFILES:
        raise ConfigError(f"unknown profile '{profile}': allowed profiles are {list(PROFILES)}")
    folder = root / "config" / "profiles" / profile
    if not folder.is_dir():
        raise ConfigError(f"profile '{profile}' has no config folder {folder}")
    schema_dir = root / "workflow" / "schemas"
    missing = [s for s in sorted(schema_dir.glob("*.schema.yaml")) if not (folder / s.name.replace(".schema", "")).exists()]
    if missing:
        raise ConfigError("\n".join(
            f"profile '{profile}' has no config file for section '{s.name.split('.')[0]}': expected "
            f"{folder / s.name.replace('.schema', '')} (validated against {s}; copy it from another profile)"
            for s in missing))
    sections = {}
    for path in sorted(folder.glob("*.yaml")):
        values = read_yaml(path)
        if not isinstance(values, dict):
            raise ConfigError(f"{path} must hold a mapping of keys to values, got {type(values).__name__}")
        validate(path.stem, values, profile, schema_dir)
        sections[path.stem] = values
    return sections


def config_hash(values: Any) -> str:
    """SHA-256 of the canonical JSON of a config (sections sorted)."""
    return hashlib.sha256(json.dumps(values, sort_keys=True).encode()).hexdigest()


def write_resolved(values: dict, path: Path, profile: str, section: str) -> Path:
    """Write a section's resolved JSON config only if its content changed (so mtimes track content).

    Called by the job of rule ``resolved_config`` (``lazyrich.resolved_config``), never while the Snakefile is
    parsed: a dry run or a run refused by the lock must not change a file that jobs read."""
    payload = {"profile": profile, "section": section, "config_hash": config_hash(values), **values}
    text = json.dumps(payload, indent=2, sort_keys=True) + "\n"
    path = Path(path)
    if not path.exists() or path.read_text() != text:
        save_text(path, text)
    return path


def load_section(path: str | os.PathLike) -> dict:
    """Load a resolved section config (JSON) as written by rule ``resolved_config``, re-validating it.

    Its hash is recorded (``lazyrich.origin.record_config``): every result this process writes names it."""
    data = json.loads(Path(path).read_text())
    section, profile = data.pop("section"), data.pop("profile")
    data.pop("config_hash", None)
    validate(section, data, profile)
    record_config(section, config_hash(data))
    data["_profile"] = profile
    data["_section"] = section
    return data


def resolved_config_path(results_dir: str, sections: dict, section: str, profile: str) -> str:
    """Path of a section's resolved JSON config (a rule input: a config change reruns that section's rules)."""
    if section not in sections:
        raise ConfigError(f"profile '{profile}' has no config section '{section}'; it has {sorted(sections)}")
    return f"{results_dir}/configs/{section}.json"
