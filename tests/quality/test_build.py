"""Gate: the repository's site builds without a warning."""

from __future__ import annotations


def test_site_builds_without_warnings(repo_site):
    output = f"{repo_site.stdout}\n{repo_site.stderr}"
    assert repo_site.returncode == 0, f"Build fehlgeschlagen:\n{output}"
    warnings = [line for line in output.splitlines() if "WARNING" in line]
    assert not warnings, "Der Build meldet Warnungen:\n" + "\n".join(warnings)
