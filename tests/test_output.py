"""output.trig_block and trig_block_of_lines: every line of the body indented by four spaces, a line of
whitespace only written empty, whichever way the block is made."""
from __future__ import annotations

import pytest

from kgbuild.output import trig_block, trig_block_of_lines


def _reference(identifier, body: str) -> str:
    indented = "\n".join(("    " + line) if line.strip() else "" for line in body.split("\n"))
    name = f"<{identifier}> " if identifier is not None else ""
    return f"\n{name}{{\n{indented}\n}}\n"


@pytest.mark.parametrize("body", ["<a> <b> <c> .", "<a> <b> <c> ;\n\t<d> \"x\u2028y\x85z\" .", "", "<a> <b> <c> .\n",
                                  "<a> <b> <c> .\n\n<d> <e> <f> .", "<a> <b> <c> .\n \t\n<d> <e> <f> .", "\t\n<a> <b> <c> .",
                                  "<a> <b> <c> .\n\x1c"])
def test_a_block_indents_each_line_and_empties_a_blank_one(body):
    assert trig_block("https://example.org/g", body) == _reference("https://example.org/g", body)
    assert trig_block(None, body) == _reference(None, body)
    lines = body.split("\n")
    if all(line.strip() for line in lines):  # what turtle_lines gives: no blank line
        assert trig_block_of_lines("https://example.org/g", lines) == _reference("https://example.org/g", body)
