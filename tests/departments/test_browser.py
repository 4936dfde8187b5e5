"""Role filter and deadline sort on a department page in real headless Chromium."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser


def test_filter_by_role_and_sort_by_deadline(shared_context, served_site: str) -> None:
    requests: list[str] = []
    page = shared_context().new_page()
    page.on("request", lambda r: requests.append(r.url))
    page.goto(served_site + "departments/zljdj/")
    rows = page.locator("#gz-dept-tasks tbody tr")
    total = rows.count()
    assert total > 20
    page.select_option('.gz-task-controls[data-for="gz-dept-tasks"] .gz-role-filter', "lead")
    visible = page.locator("#gz-dept-tasks tbody tr:not([hidden])")
    n_lead = page.locator('#gz-dept-tasks tbody tr[data-role="lead"]').count()
    assert 0 < visible.count() == n_lead < total
    controls = page.locator('.gz-task-controls[data-for="gz-dept-tasks"]')
    assert controls.locator(".gz-filter-count").inner_text() == f"显示 {n_lead} / {total} 项"
    page.select_option('.gz-task-controls[data-for="gz-dept-tasks"] .gz-role-filter', "")
    page.click('.gz-task-controls[data-for="gz-dept-tasks"] .gz-sort-deadline')
    dates = page.eval_on_selector_all("#gz-dept-tasks tbody tr", "rs => rs.map(r => r.dataset.deadline)")
    dated = [d for d in dates if d]
    assert dated == sorted(dated) and dates[: len(dated)] == dated  # undated rows last
    assert all(u.startswith(served_site.split("/zhengbao/")[0]) for u in requests)


def test_table_is_complete_without_javascript(shared_context, served_site: str) -> None:
    page = shared_context(java_script_enabled=False).new_page()
    page.goto(served_site + "departments/zljdj/")
    assert page.locator("#gz-dept-tasks tbody tr").count() > 20
    controls = page.locator(".gz-task-controls")
    assert controls.count() >= 1 and all(not controls.nth(i).is_visible() for i in range(controls.count()))
