"""``/.well-known/security.txt`` (RFC 9116): where to report a vulnerability, valid until when."""

from __future__ import annotations

from datetime import UTC, date, datetime, time, timedelta

SECURITY_TXT_SAVE_AS = ".well-known/security.txt"


def expires(build_date: date, valid_days: int) -> str:
    """RFC 3339 UTC timestamp ``valid_days`` after the build date's midnight (RFC 9116 §2.5.5)."""
    moment = datetime.combine(build_date + timedelta(days=valid_days), time(), tzinfo=UTC)
    return moment.strftime("%Y-%m-%dT%H:%M:%SZ")


def security_txt(*, contact: str, site_url: str, build_date: date, valid_days: int,
                 policy_url: str | None = None) -> str:
    """Return the file's text; ``contact`` is an e-mail address or an https URL.

    Every line ends in LF, the last one too (RFC 9116 §4, ABNF ``eol``).
    """
    lines = [
        f"Contact: {contact if ':' in contact else 'mailto:' + contact}",
        f"Expires: {expires(build_date, valid_days)}",
        "Preferred-Languages: de, en",
        f"Canonical: {site_url}/{SECURITY_TXT_SAVE_AS}",
    ]
    if policy_url:
        lines.append(f"Policy: {policy_url}")
    return "\n".join(lines) + "\n"
