"""Gate: every page's HTML + CSS + JS stays within 30 KB gzip (images excluded)."""

from __future__ import annotations

from tests.quality.weight import BUDGET, GZIP_LEVEL, page_weights, weight_table


def test_every_page_within_the_weight_budget(site_output):
    weights = page_weights(site_output)
    assert weights, "keine HTML-Seiten in der Ausgabe"
    table = weight_table(weights)
    report = site_output.parent / "page-weights.txt"
    report.write_text(table + "\n", encoding="utf-8")
    print(f"\nSeitengewicht (HTML + CSS + JS, gzip -{GZIP_LEVEL}), auch in {report}:\n{table}")
    over = [f"{weight.page}: {weight.total / 1024:.1f} KB (HTML {weight.html / 1024:.1f} KB, "
            f"CSS/JS {weight.assets / 1024:.1f} KB)" for weight in weights
            if weight.total > BUDGET]
    assert not over, f"Über dem Budget von {BUDGET // 1024} KB gzip:\n" + "\n".join(over)
