"""Workflows and Dependabot settings pass zizmor (GitHub Actions linter), offline, unsilenced.

The gate runs zizmor at its default persona with ``--no-config --no-ignores``, so neither a
configuration file nor an ignore comment can hide a finding. ``fixtures/workflows/`` holds
one file per rule the gate must catch, each breaking exactly that rule.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from tests.support.offline import offline
from tests.support.site import REPO

GITHUB = REPO / ".github"
ZIZMOR = REPO / ".venv" / "bin" / "zizmor"
BAD = Path(__file__).parent / "fixtures" / "workflows"
FULL_SHA_PIN = re.compile(r"^[\w.-]+/[\w.-]+@[0-9a-f]{40} # v\d+\.\d+\.\d+$")


def zizmor(*inputs: Path) -> tuple[list[dict], str]:
    """Findings (JSON) of zizmor over the inputs, and its log; fails on a tool error."""
    result = offline([str(ZIZMOR), "--offline", "--no-config", "--no-ignores",
                      "--strict-collection", "--format", "json", *(str(p) for p in inputs)])
    assert result.returncode != 1, result.stderr  # 1: zizmor itself failed (e.g. bad YAML)
    findings = json.loads(result.stdout)
    assert (result.returncode == 0) == (not findings), result.stderr
    return findings, result.stderr


def describe(finding: dict) -> str:
    """One line per finding: path:line: audit – description (path relative to the repository)."""
    location = finding["locations"][0]
    path = Path(location["symbolic"]["key"]["Local"]["verbatim_path"])
    row = location["concrete"]["location"]["start_point"]["row"] + 1
    return f"{path.relative_to(REPO)}:{row}: {finding['ident']} – {finding['desc']}"


def test_github_folder_has_no_zizmor_finding() -> None:
    findings, log = zizmor(GITHUB)
    assert [describe(f) for f in findings] == []
    audited = set(re.findall(r"completed (\S+)", log))
    expected = {str(p) for p in (GITHUB / "workflows").glob("*.yml")}
    assert expected | {str(GITHUB / "dependabot.yml")} <= audited


def test_every_action_is_pinned_to_a_commit_with_its_version_in_a_comment() -> None:
    uses = [line.split("uses:", 1)[1].strip()
            for path in sorted((GITHUB / "workflows").glob("*.yml"))
            for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip().removeprefix("- ").startswith("uses:")]
    assert uses
    assert [use for use in uses if not FULL_SHA_PIN.match(use)] == []
    commits: dict[str, set[str]] = {}
    for use in uses:
        action, commit = use.split(" ")[0].split("@")
        commits.setdefault(action, set()).add(commit)
    assert {action for action, shas in commits.items() if len(shas) > 1} == set()


@pytest.mark.parametrize(("fixture", "audit"), [
    ("unpinned-action.yml", "unpinned-uses"),
    ("issue-title-in-run.yml", "template-injection"),
    ("persisted-checkout-credentials.yml", "artipacked"),
    ("write-permissions-for-whole-workflow.yml", "excessive-permissions"),
    ("pull-request-target-trigger.yml", "dangerous-triggers"),
    ("dependabot-without-cooldown/dependabot.yml", "dependabot-cooldown"),
])
def test_gate_reports_each_bad_fixture(fixture: str, audit: str) -> None:
    findings, _ = zizmor(BAD / fixture)
    assert {f["ident"] for f in findings} == {audit}
    assert all(describe(f).startswith(f"{(BAD / fixture).relative_to(REPO)}:") for f in findings)
