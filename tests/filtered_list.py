"""Driving a list filtered by docs/assets/catalogue.js (the 政策目录 and the
政策文件库 share the script and its filter panel, templates' filter_panel)."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class FilteredList:
    item: str  # CSS selector of one listed item (its id is the entry's or document's id)
    query_box: str  # id of the panel's keyword box

    def open(self, page, expect, url: str):
        page.goto(url)
        expect(page.locator("form.catalogue-filters")).to_be_visible()  # the script ran

    def open_filters(self, page, expect):
        panel = page.locator("details.filter-panel")
        if not panel.evaluate("d => d.open"):
            panel.locator("summary").click()
        expect(page.locator(f"#{self.query_box}")).to_be_visible()

    @staticmethod
    def box(page, key: str, value: str):
        return page.locator(f'input[type="checkbox"][name="{key}"][value="{value}"]')

    def shown(self, page) -> set[str]:
        """The ids of the items the filters leave visible."""
        return set(page.locator(self.item).evaluate_all(
            "items => items.filter(i => i.checkVisibility()).map(i => i.id)"))
