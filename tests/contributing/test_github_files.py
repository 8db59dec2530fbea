"""The files under .github/: valid for GitHub (checked offline) and in step with the data."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from rebellab.lab.load import load_lab
from tests.support.offline import offline
from tests.support.site import REPO

GITHUB = REPO / ".github"
WORKFLOWS = sorted((GITHUB / "workflows").glob("*.yml"))
FORMS = sorted(p for p in (GITHUB / "ISSUE_TEMPLATE").glob("*.yml") if p.name != "config.yml")
CHECK_JSONSCHEMA = REPO / ".venv" / "bin" / "check-jsonschema"


def load(path: Path) -> dict:
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_expected_files_exist() -> None:
    names = {p.name for p in WORKFLOWS}
    assert {"pr.yml", "deploy.yml", "issue-to-pr.yml"} <= names
    assert {p.name for p in FORMS} == {"veranstaltung.yml", "profil.yml", "kommentar.yml",
                                       "barriere.yml"}
    for name in ("CODEOWNERS", "PULL_REQUEST_TEMPLATE.md", "ISSUE_TEMPLATE/config.yml"):
        assert (GITHUB / name).is_file()


@pytest.mark.parametrize(("schema", "paths"), [
    ("vendor.github-workflows", WORKFLOWS),
    ("vendor.github-issue-forms", FORMS),
    ("vendor.github-issue-config", [GITHUB / "ISSUE_TEMPLATE" / "config.yml"]),
    ("vendor.dependabot", [GITHUB / "dependabot.yml"]),
], ids=["workflows", "issue-forms", "issue-config", "dependabot"])
def test_files_pass_bundled_schema_offline(schema: str, paths: list[Path]) -> None:
    result = offline([str(CHECK_JSONSCHEMA), "--builtin-schema", schema,
                      *(str(p) for p in paths)])
    assert result.returncode == 0, result.stdout + result.stderr
    assert "ok -- validation done" in result.stdout


def test_schema_check_catches_a_broken_workflow(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yml"
    broken.write_text("name: x\non: [push]\njobs:\n  a:\n    steps: []\n", encoding="utf-8")
    result = offline([str(CHECK_JSONSCHEMA), "--builtin-schema", "vendor.github-workflows",
                      str(broken)])
    assert result.returncode == 1
    assert "runs-on" in result.stdout


def test_pull_request_workflow_checks_builds_tests_and_uploads_preview() -> None:
    workflow = load(GITHUB / "workflows" / "pr.yml")
    assert "pull_request" in workflow[True]  # PyYAML reads the key "on" as True
    steps = [step for job in workflow["jobs"].values() for step in job["steps"]]
    runs = [step.get("run", "") for step in steps]
    assert any("scripts/check.py --github" in run for run in runs)
    assert any(run.strip() == "make html" for run in runs)
    assert any(run.strip() == ".ci/run" for run in runs)  # runs `make test`, CI=true
    upload = next(s for s in steps if s.get("uses", "").startswith("actions/upload-artifact"))
    assert upload["with"]["path"] == "output/"
    setup = next(s for s in steps if s.get("uses", "").startswith("actions/setup-python"))
    assert setup["with"]["python-version"] == "3.11"
    assert workflow["permissions"] == {"contents": "read"}


def test_deploy_workflow_publishes_to_pages_on_merge_nightly_and_by_hand() -> None:
    workflow = load(GITHUB / "workflows" / "deploy.yml")
    triggers = workflow[True]
    assert triggers["push"]["branches"] == ["main"]
    assert triggers["schedule"][0]["cron"]
    assert "workflow_dispatch" in triggers
    assert workflow["concurrency"] == {"group": "pages", "cancel-in-progress": False}
    build, deploy = workflow["jobs"]["bauen"], workflow["jobs"]["veroeffentlichen"]
    # Write rights only for the job that deploys (tests/quality/test_workflows.py lints them).
    assert workflow["permissions"] == {}
    assert build["permissions"] == {"contents": "read", "pages": "read"}
    assert deploy["permissions"] == {"pages": "write", "id-token": "write"}
    checkout = next(s for s in build["steps"] if s.get("uses", "").startswith("actions/checkout"))
    assert checkout["with"]["fetch-depth"] == 0  # git log dates events
    publish = next(s for s in build["steps"] if s.get("run") == "make publish")
    assert "vars.SITEURL" in publish["env"]["SITEURL"]
    assert any(s.get("uses", "").startswith("actions/upload-pages-artifact")
               for s in build["steps"])
    assert deploy["needs"] == "bauen"
    assert deploy["environment"]["name"] == "github-pages"
    assert deploy["steps"][0]["uses"].startswith("actions/deploy-pages")


def test_issue_workflow_runs_on_accepted_label_and_keeps_issue_text_out_of_shell() -> None:
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    assert workflow[True] == {"issues": {"types": ["labeled"]}}
    job = workflow["jobs"]["umwandeln"]
    assert "github.event.label.name == 'angenommen'" in job["if"]
    convert = next(s for s in job["steps"] if s.get("id") == "convert")
    assert "scripts/issue_to_yaml.py" in convert["run"]
    assert "${{" not in convert["run"]  # untrusted text only through the environment
    assert convert["env"]["ISSUE_BODY"] == "${{ github.event.issue.body }}"
    assert any(s.get("uses", "").startswith("peter-evans/create-pull-request")
               for s in job["steps"])
    assert workflow["permissions"] == {}
    assert job["permissions"] == {"contents": "write", "pull-requests": "write",
                                  "issues": "write"}


def dropdown(form: str, field_id: str) -> list[str]:
    body = load(GITHUB / "ISSUE_TEMPLATE" / form)["body"]
    return next(item for item in body if item.get("id") == field_id)["attributes"]["options"]


def test_form_choices_match_the_vocabularies() -> None:
    lab = load_lab(REPO)
    formats = [f.title for f in lab.formats.values()]
    topics = [t.title for t in lab.topics.values()]
    partners = [p.name for p in lab.partners.values()]
    assert dropdown("veranstaltung.yml", "format") == formats
    assert dropdown("veranstaltung.yml", "topics") == topics
    assert dropdown("veranstaltung.yml", "partners") == partners
    assert dropdown("profil.yml", "topics") == topics
    assert dropdown("profil.yml", "partner") == partners


def test_forms_apply_the_labels_the_workflow_looks_for() -> None:
    for name in ("veranstaltung", "profil", "kommentar", "barriere"):
        assert load(GITHUB / "ISSUE_TEMPLATE" / f"{name}.yml")["labels"] == [name]
    workflow = load(GITHUB / "workflows" / "issue-to-pr.yml")
    job = workflow["jobs"]["umwandeln"]
    for name in ("veranstaltung", "profil", "kommentar"):  # a barrier report stays an issue
        assert f"'{name}'" in job["if"]
        assert f"'{name}'" in next(s for s in job["steps"] if s.get("id") == "convert")[
            "env"]["KIND"]
    assert "'barriere'" not in job["if"]


@pytest.mark.parametrize("form", ["profil.yml", "kommentar.yml"])
def test_forms_that_publish_a_person_require_consent(form: str) -> None:
    body = load(GITHUB / "ISSUE_TEMPLATE" / form)["body"]
    consent = next(item for item in body if item.get("id") == "consent")
    assert consent["type"] == "checkboxes"
    assert all(option["required"] for option in consent["attributes"]["options"])


def test_comment_form_prefills_post_by_id_and_stores_no_address() -> None:
    form = load(GITHUB / "ISSUE_TEMPLATE" / "kommentar.yml")
    ids = [item.get("id") for item in form["body"] if "id" in item]
    assert ids == ["post", "name", "text", "website", "reply_to", "consent"]
    notice = form["body"][0]["attributes"]["value"]
    assert "Eine E-Mail-Adresse oder\nIP-Adresse wird nie gespeichert." in notice


def test_pull_request_template_has_the_checklist() -> None:
    text = (GITHUB / "PULL_REQUEST_TEMPLATE.md").read_text(encoding="utf-8")
    items = [line for line in text.splitlines() if line.startswith("- [ ]")]
    for needle in ("consent", "privaten Daten", "Rechte", "geschlechtergerecht", "make check"):
        assert any(needle in item for item in items), needle


def test_editorconfig_sets_utf8_lf_and_yaml_indent() -> None:
    text = (REPO / ".editorconfig").read_text(encoding="utf-8")
    assert "charset = utf-8" in text and "end_of_line = lf" in text
    yaml_section = text.split("[*.{yaml,yml,json}]")[1].split("[")[0]
    assert "indent_size = 2" in yaml_section
    markdown_section = text.split("[*.md]")[1].split("[")[0]
    assert "trim_trailing_whitespace = false" in markdown_section


def test_codeowners_names_a_team_for_every_line() -> None:
    lines = [line.split() for line in (GITHUB / "CODEOWNERS").read_text().splitlines()
             if line.strip() and not line.startswith("#")]
    assert lines[0][0] == "*"
    assert all(len(parts) >= 2 and all(o.startswith("@") for o in parts[1:]) for parts in lines)
    assert any(parts[0] == "/data/rebels/" for parts in lines)
