"""assert_shape: a response has every field of the seed's example, each of the example's JSON type."""

FREE = {"custom_fields", "metadata", "settings_free", "headers", "body", "personalization"}


def _kind(value):
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return {str: "string", list: "array", dict: "object", type(None): "null"}[type(value)]


def assert_shape(actual, example, path="", nullable=()):
    """Every key of ``example`` is in ``actual`` with a value of the same JSON type (recursively; a null
    in the example, or a path in ``nullable``, may be anything); the first item of a list stands for all."""
    if example is None or path in nullable and actual is None:
        return
    assert _kind(actual) == _kind(example), f"{path or 'the document'}: {_kind(actual)} where the seed shows " \
                                            f"{_kind(example)} ({actual!r})"
    if isinstance(example, dict) and path.rsplit(".", 1)[-1] not in FREE:
        for key, value in example.items():
            assert key in actual, f"{path or 'the document'} lacks {key!r}: {sorted(actual)}"
            assert_shape(actual[key], value, f"{path}.{key}".lstrip("."), nullable)
    elif isinstance(example, list) and example and actual:
        for item in actual:
            assert_shape(item, example[0], f"{path}[]", nullable)
