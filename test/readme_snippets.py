#!/usr/bin/env python3
# Copyright (c) 2026 onex-event-bus authors
# Distributed under the Boost Software License, Version 1.0.
#
# Fails unless every C++ block of README.md is a copy of a region of a source file that the build
# compiles, so that no snippet in the documentation can rot. Each block is announced by
#     <!-- snippet: <path from the repository root>#<name> -->
# and the region is marked in the source by lines `//[<name>` and `//]` (quickbook style). Blocks
# and regions are compared after removing their common indentation.
# Run: python3 test/readme_snippets.py <repository root>

import re
import sys
import textwrap
from pathlib import Path

MARKER = re.compile(r"^<!-- snippet: (?P<path>[^#\s]+)#(?P<name>[A-Za-z0-9_]+) -->$")


def readme_blocks(readme):
    lines = readme.read_text().splitlines()
    blocks, errors, pending, i = [], [], None, 0
    while i < len(lines):
        line = lines[i]
        m = MARKER.match(line.strip())
        if m:
            pending = (m["path"], m["name"], i + 1)
        elif line.strip().startswith("```"):
            fence_is_cpp = line.strip() == "```cpp"
            start = i + 1
            i += 1
            while i < len(lines) and lines[i].strip() != "```":
                i += 1
            if fence_is_cpp:
                if pending is None:
                    errors.append(f"README.md:{start}: a C++ block without a snippet marker")
                else:
                    blocks.append((pending, "\n".join(lines[start:i])))
            pending = None
        elif line.strip() and pending is not None and not line.strip().startswith("<!--"):
            errors.append(f"README.md:{pending[2]}: the snippet marker is not followed by a C++ block")
            pending = None
        i += 1
    return blocks, errors


def region(path, name):
    lines = path.read_text().splitlines()
    starts = [i for i, l in enumerate(lines) if l.strip() == f"//[{name}"]
    if len(starts) != 1:
        return None, f"{len(starts)} regions named '{name}' in {path}"
    end = next((i for i in range(starts[0] + 1, len(lines)) if lines[i].strip() == "//]"), None)
    if end is None:
        return None, f"region '{name}' in {path} has no closing //]"
    return "\n".join(lines[starts[0] + 1 : end]), None


def main():
    root = Path(sys.argv[1] if len(sys.argv) > 1 else ".")
    blocks, errors = readme_blocks(root / "README.md")
    for (path, name, line), text in blocks:
        source = root / path
        if not source.is_file():
            errors.append(f"README.md:{line}: {path} does not exist")
            continue
        code, problem = region(source, name)
        if problem:
            errors.append(f"README.md:{line}: {problem}")
        elif textwrap.dedent(code).strip("\n") != textwrap.dedent(text).strip("\n"):
            errors.append(f"README.md:{line}: the block differs from {path}#{name}")
    for e in errors:
        print(e)
    if errors:
        return 1
    print(f"readme_snippets: {len(blocks)} C++ blocks, each a region of a compiled source")
    return 0


if __name__ == "__main__":
    sys.exit(main())
