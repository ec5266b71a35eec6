"""Reading and writing the configuration files: YAML that remembers line numbers.

Every mapping read is a `LineDict` carrying the line it starts on and the line of each of its
keys, so a schema error can be reported as `file:line: what is wrong`. Dates stay strings (the
schema says what a date looks like); long texts are written as literal blocks so a diff of a
result template or a procedure shows the lines that changed.
"""

import yaml


class LineDict(dict):
    line = 0
    key_lines: dict


class _Loader(yaml.SafeLoader):
    pass


def _mapping(loader, node):
    loader.flatten_mapping(node)
    value = LineDict()
    value.line = node.start_mark.line + 1
    value.key_lines = {}
    for key_node, value_node in node.value:
        key = loader.construct_object(key_node, deep=True)
        value[key] = loader.construct_object(value_node, deep=True)
        value.key_lines[key] = key_node.start_mark.line + 1
    return value


_Loader.add_constructor(yaml.resolver.BaseResolver.DEFAULT_MAPPING_TAG, _mapping)
_Loader.add_constructor("tag:yaml.org,2002:timestamp", lambda loader, node: node.value)


class _Dumper(yaml.SafeDumper):
    pass


def _str(dumper, value):
    style = "|" if "\n" in value else None
    return dumper.represent_scalar("tag:yaml.org,2002:str", value, style=style)


_Dumper.add_representer(str, _str)
_Dumper.add_representer(LineDict, yaml.representer.SafeRepresenter.represent_dict)


def load(text: str):
    return yaml.load(text, Loader=_Loader)  # noqa: S506 - a SafeLoader subclass


def dump(data) -> str:
    return yaml.dump(data, Dumper=_Dumper, sort_keys=False, allow_unicode=True, width=100, indent=2)


def line_of(data, path) -> int:
    """The line of the deepest mapping or key on `path` (a jsonschema error's absolute path)."""
    line = getattr(data, "line", 1) or 1
    node = data
    for part in path:
        if isinstance(node, LineDict):
            line = node.key_lines.get(part, node.line)
            node = node.get(part)
        elif isinstance(node, list) and isinstance(part, int) and part < len(node):
            node = node[part]
            line = getattr(node, "line", line) or line
        else:
            break
    return line
