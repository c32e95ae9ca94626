"""The catalogue's filters and the self-check in headless Chromium, at 1280 and 360 px.

Expected entries are computed in Python from the YAML (``load_content``), with
the rules the pages promise: a facet option shows the entries that have that
value, options of one facet unite (OR), facets intersect (AND); the self-check
keeps entries for the chosen group or the broader group it belongs to, with
any of the chosen needs, and whose industries are empty or include the chosen
one. Two sites are driven: the real one (every entry 已失效, because the plan
is repealed) and a copy whose entries have every status, so the status facet
and the current/historical grouping are exercised with something in each.

Both sites as each engine builds them (conftest.py ``engine``). Uses Debian's
Chromium through tests/browser.py: skipped when it is missing, failed under
CI. Screenshots go to tests/screenshots/ (gitignored; Zensical's in zensical/).
"""

from __future__ import annotations

import re
from urllib.parse import urlencode, urlsplit

import pytest

from browser import PHONE, SCREENSHOT_TIMEOUT_MS, new_context, record_requests, screenshots, sideways, wait_for_scroll_to_settle
from catalogue_edits import add_before_last_verified, set_plan_validity
from catalogue_rules import IDENTITY, INDUSTRY_ANY, expected_status, is_current, self_check_fits
from catalogue_ui import (CATALOGUE, NO_MATCH, PROFILES, SELF_CHECK, box, open_catalogue, open_filters, result_ids,
                          shown, submit_profile, tab_until)
from conftest import CONTENT, build_site, copy_project, serve

from policy_site.content import load_content
from policy_site.schema.model import AUDIENCE, INDUSTRY, POLICY_STATUS, SUPPORT_TYPE

pytestmark = pytest.mark.browser

FACETS = ["support", "audience", "industry", "dept", "status"]


# --------------------------------------------------------------------------
# Fixtures
# --------------------------------------------------------------------------

@pytest.fixture
def context(browser, width):
    context = new_context(browser, width)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture(scope="session")
def content():
    return load_content(CONTENT)


@pytest.fixture(scope="session")
def mixed(tmp_path_factory, content, engine):
    """A copy whose plan is in force, with one entry closed (past period), one
    not yet open (future period), one set to 已失效 and one to 有效性未标注 by
    staff: every status."""
    ids = sorted(content.policies)
    past, future, expired, unknown = (content.policies[i] for i in ids[:4])

    project = copy_project(tmp_path_factory.mktemp("mixed") / "p")
    set_plan_validity(project, content, "有效")
    add_before_last_verified(project, past, ["application_period:", "  start: 2019-01-01", "  end: 2019-12-31"])
    add_before_last_verified(project, future, ["application_period:", "  start: 2099-01-01", "  end: 2099-12-31"])
    add_before_last_verified(project, expired, ["status_override:", "  status: 已失效", "  reason: 测试用理由。"])
    add_before_last_verified(project, unknown, ["status_override:", "  status: 有效性未标注", "  reason: 测试用理由。"])
    site = project / "site-out"
    result = build_site(project, site, extra=["--engine", engine])
    assert result.returncode == 0, result.stdout + result.stderr
    copy = load_content(project / "content")
    assert {expected_status(copy, p) for p in copy.policies.values()} == set(POLICY_STATUS.terms)
    server, url = serve(site)
    yield url, copy
    server.shutdown()


@pytest.fixture(params=["real", "mixed"])
def site(request, engine_site_url, content):
    """(base URL, content) of the real site, or of the copy with every status,
    as each engine builds it."""
    if request.param == "real":
        return engine_site_url, content
    return request.getfixturevalue("mixed")


# --------------------------------------------------------------------------
# Expectations from the content
# --------------------------------------------------------------------------

def facet_values(content, policy) -> dict[str, set[str]]:
    return {
        "support": set(policy.support_types),
        "audience": set(policy.audiences),
        "industry": set(policy.industries) or {*INDUSTRY.terms, INDUSTRY_ANY},
        "dept": {d.ref_id for d in policy.departments},
        "status": {expected_status(content, policy)},
    }


def matching(content, chosen: dict[str, set[str]], skip: str | None = None) -> set[str]:
    """Entries with, for every facet with a choice (but ``skip``), one of the chosen values."""
    return {
        p.id for p in content.policies.values()
        if all(facet_values(content, p)[k] & values for k, values in chosen.items() if values and k != skip)
    }


def having(content, key: str, value: str) -> set[str]:
    return {p.id for p in content.policies.values() if value in facet_values(content, p)[key]}


def searchable(policy) -> str:
    """What a reader sees of an entry on the list: name, summary, keywords, departments."""
    text = " ".join([policy.name, policy.summary, *policy.keywords, *(d.name for d in policy.departments)])
    return re.sub(r"\s+", "", text).lower()


# --------------------------------------------------------------------------
# Driving the catalogue
# --------------------------------------------------------------------------

def options(page) -> dict[str, list[str]]:
    return page.locator(".catalogue-filters input[type=checkbox]").evaluate_all(
        """boxes => boxes.reduce((out, b) => ((out[b.name] = out[b.name] || []).push(b.value), out), {})""")


def counts(page) -> dict[tuple[str, str], int]:
    """The count shown next to every option, e.g. “(4)”."""
    raw = page.locator(".catalogue-filters label.facet-option").evaluate_all(
        """labels => labels.map(l => {
            const input = l.querySelector('input');
            return [input.name, input.value, l.querySelector('[data-count]').textContent];
        })""")
    result = {}
    for key, value, text in raw:
        m = re.fullmatch(r"\s*[(（](\d+)[)）]\s*", text)
        assert m, f"option {key}={value}: count {text!r} is not “(number)”"
        result[(key, value)] = int(m.group(1))
    return result


def checked(page) -> list[tuple[str, str]]:
    return sorted(tuple(x) for x in page.locator(".catalogue-filters input[type=checkbox]").evaluate_all(
        "boxes => boxes.filter(b => b.checked).map(b => [b.name, b.value])"))


def expected_counts(content, chosen: dict[str, set[str]], keys: dict[str, list[str]]) -> dict:
    """Per option: the entries the other facets' choices let through that have this value."""
    return {
        (k, v): len(matching(content, chosen, skip=k) & having(content, k, v))
        for k, values in keys.items() for v in values
    }


def describe(content, ids) -> str:
    return ", ".join(sorted(ids)) or "(none)"


# --------------------------------------------------------------------------
# Facets
# --------------------------------------------------------------------------

def test_each_facet_option_alone_shows_its_entries(page, expect, site, width):
    url, content = site
    open_catalogue(page, expect, url + CATALOGUE)
    open_filters(page, expect)
    keys = options(page)
    used_depts = {d.ref_id for p in content.policies.values() for d in p.departments}
    assert set(keys) == set(FACETS)
    assert keys["support"] == list(SUPPORT_TYPE.terms)
    assert keys["audience"] == list(AUDIENCE.terms)
    assert keys["industry"] == list(INDUSTRY.terms) + [INDUSTRY_ANY]
    assert keys["status"] == list(POLICY_STATUS.terms)
    assert set(keys["dept"]) == used_depts and len(keys["dept"]) == len(used_depts)
    everything = set(content.policies)
    assert shown(page) == everything

    # With nothing chosen each option counts the entries that have its value.
    want_counts = {(k, v): len(having(content, k, v)) for k in FACETS for v in keys[k]}
    got_counts = counts(page)
    wrong = {o: (got_counts[o], n) for o, n in want_counts.items() if got_counts[o] != n}
    assert not wrong, f"option counts (shown, from YAML) differ: {wrong}"

    problems = []
    for key in FACETS:
        for value in keys[key]:
            box(page, key, value).check()
            want = having(content, key, value)
            got = shown(page)
            if got != want:
                problems.append(f"{key}={value}: shows {describe(content, got)}; YAML has {describe(content, want)}")
            count = counts(page)[(key, value)]
            if count != len(want):
                problems.append(f"{key}={value}: count ({count}) but {len(want)} entries have it")
            empty = page.locator(".catalogue-empty").is_visible()
            if empty != (not want):
                problems.append(f"{key}={value}: empty-state message {'shown' if empty else 'hidden'} with {len(want)} entries")
            box(page, key, value).uncheck()
    assert shown(page) == everything
    assert not problems, "\n".join(problems)


def pick_pair(content, a: str, b: str, keys) -> tuple[str, str]:
    """Values of facets a and b whose entries overlap but neither contains the other."""
    for va in keys[a]:
        for vb in keys[b]:
            sa, sb = having(content, a, va), having(content, b, vb)
            if sa & sb and sa - sb and sb - sa:
                return va, vb
    pytest.fail(f"no pair of {a} and {b} values with partly overlapping entries in the content")


def pick_two(content, key: str, keys) -> tuple[str, str]:
    """Two values of one facet whose entries differ (each has some the other lacks)."""
    for i, v1 in enumerate(keys[key]):
        for v2 in keys[key][i + 1:]:
            s1, s2 = having(content, key, v1), having(content, key, v2)
            if s1 - s2 and s2 - s1:
                return v1, v2
    pytest.fail(f"no two {key} values with different entries in the content")


def pick_or_and(content, keys) -> dict[str, set[str]]:
    """Two values of one facet and one of another, such that the result needs
    both: each of the two values brings entries the other does not, and the
    second facet drops some of their union but not all."""
    for key in ["support", "audience", "dept"]:
        values = keys[key]
        for i, v1 in enumerate(values):
            for v2 in values[i + 1:]:
                s1, s2 = having(content, key, v1), having(content, key, v2)
                for other in ["audience", "support", "dept"]:
                    if other == key:
                        continue
                    for v3 in keys[other]:
                        result = (s1 | s2) & having(content, other, v3)
                        if result - s2 and result - s1 and (s1 | s2) - result:
                            return {key: {v1, v2}, other: {v3}}
    pytest.fail("no combination of two values of one facet and one of another narrows the content usefully")


def apply(page, chosen: dict[str, set[str]]):
    for key, values in chosen.items():
        for value in values:
            box(page, key, value).check()


def test_facets_intersect_and_options_unite(page, expect, site, width):
    url, content = site
    open_catalogue(page, expect, url + CATALOGUE)
    open_filters(page, expect)
    keys = options(page)
    cases = []
    for a, b in [("support", "audience"), ("dept", "support"), ("audience", "dept")]:
        va, vb = pick_pair(content, a, b, keys)
        cases.append(("AND", {a: {va}, b: {vb}}))
    for key in ["support", "audience", "dept"]:
        cases.append(("OR", {key: set(pick_two(content, key, keys))}))
    cases.append(("OR+AND", pick_or_and(content, keys)))
    if len(keys["status"]) > 1 and len({expected_status(content, p) for p in content.policies.values()}) > 1:
        cases.append(("OR status", {"status": set(pick_two(content, "status", keys))}))

    problems = []
    for kind, chosen in cases:
        apply(page, chosen)
        want = matching(content, chosen)
        if kind.startswith("AND"):
            (ka, va), (kb, vb) = [(k, next(iter(v))) for k, v in chosen.items()]
            assert want == having(content, ka, va) & having(content, kb, vb)
        got = shown(page)
        if got != want:
            problems.append(f"{kind} {chosen}: shows {describe(content, got)}; expected {describe(content, want)}")
        want_counts = expected_counts(content, chosen, keys)
        got_counts = counts(page)
        wrong = {o: (got_counts[o], n) for o, n in want_counts.items() if got_counts[o] != n}
        if wrong:
            problems.append(f"{kind} {chosen}: counts (shown, expected) {wrong}")
        total = page.locator("[data-count-total]").inner_text()
        if str(len(want)) not in total:
            problems.append(f"{kind} {chosen}: the total says {total!r}, expected {len(want)}")
        page.locator(".catalogue-filters button[type=reset]").click()
        expect(page.locator(".catalogue-filters input:checked")).to_have_count(0)
        expect(page.locator("li.policy-card[hidden]")).to_have_count(0)  # the list updates after the reset
        if shown(page) != set(content.policies):
            problems.append(f"after 清除筛选 from {chosen}: not every entry is shown again")
    assert not problems, "\n".join(problems)


# --------------------------------------------------------------------------
# Text, URL state, empty state
# --------------------------------------------------------------------------

def test_text_filter_finds_entries_by_their_keywords(page, expect, engine_site_url, content, width):
    open_catalogue(page, expect, engine_site_url + CATALOGUE)
    open_filters(page, expect)
    text = page.locator("#catalogue-q")
    problems = []
    keywords = {k: None for p in content.policies.values() for k in p.keywords}
    assert keywords, "no entry has keywords"
    for keyword in keywords:
        text.fill(keyword)
        got = shown(page)
        needle = re.sub(r"\s+", "", keyword).lower()
        with_keyword = {p.id for p in content.policies.values() if keyword in p.keywords}
        want = {p.id for p in content.policies.values() if needle in searchable(p)}
        if not with_keyword <= got:
            problems.append(f"{keyword!r}: entries listing it as a keyword not shown: {sorted(with_keyword - got)}")
        if got != want:
            problems.append(f"{keyword!r}: shows {sorted(got)}; entries containing it: {sorted(want)}")
    assert not problems, "\n".join(problems)


def test_intro_says_current_ones_come_first_only_when_so(page, expect, site):
    """仍然有效的排在前面 only when some entries are current and some not; when
    none is current, the notice about them is a warning, not a note."""
    url, content = site
    current = [is_current(expected_status(content, p)) for p in content.policies.values()]
    open_catalogue(page, expect, url + CATALOGUE)
    lead = " ".join(page.locator("article p.page-lead").all_inner_texts())
    assert ("仍然有效的排在前面" in lead) == (any(current) and not all(current)), lead
    notice = page.locator("article .catalogue-historical")
    expect(notice).to_have_count(0 if all(current) else 1)
    if not all(current):
        expect(notice).to_have_class(re.compile(r"\bwarning\b" if not any(current) else r"\bnote\b"))


def test_url_state_round_trips(context, expect, engine_site_url, content, width):
    page = context.new_page()
    open_catalogue(page, expect, engine_site_url + CATALOGUE)
    open_filters(page, expect)
    keys = options(page)
    chosen = pick_or_and(content, keys)
    apply(page, chosen)
    before = matching(content, chosen)
    assert before, f"{chosen} matches nothing; pick other values"
    keyword = next(k for p in sorted(before) for k in content.policies[p].keywords)
    page.locator("#catalogue-q").fill(keyword)
    want = {p for p in before if re.sub(r"\s+", "", keyword).lower() in searchable(content.policies[p])}
    assert shown(page) == want
    state = (checked(page), page.locator("#catalogue-q").input_value(), shown(page))
    shared = page.url
    assert urlsplit(shared).query, f"the filters are not in the URL: {shared}"

    other = context.new_page()
    open_catalogue(other, expect, shared)
    again = (checked(other), other.locator("#catalogue-q").input_value(), shown(other))
    assert again == state, f"{shared} opened elsewhere shows {again}, not {state}"
    assert again[0] == sorted((k, v) for k, vs in chosen.items() for v in vs) and again[1] == keyword


def test_url_with_filters_applies_them(page, expect, engine_site_url, content, width):
    chosen = {"support": "贷款融资", "audience": "小微企业"}
    open_catalogue(page, expect, engine_site_url + CATALOGUE + "?" + urlencode(chosen))
    want = having(content, "support", chosen["support"]) & having(content, "audience", chosen["audience"])
    assert want, "no entry is 贷款融资 for 小微企业 in the content"
    assert checked(page) == sorted(chosen.items())
    assert shown(page) == want, f"shows {sorted(shown(page))}, expected {sorted(want)}"
    expect(page.locator("[data-count-total]")).to_contain_text(str(len(want)))


def test_empty_state_and_clear_button(page, expect, engine_site_url, content, width):
    assert not any(re.sub(r"\s+", "", NO_MATCH).lower() in searchable(p) for p in content.policies.values())
    open_catalogue(page, expect, engine_site_url + CATALOGUE)
    open_filters(page, expect)
    box(page, "support", next(iter(content.policies.values())).support_types[0]).check()
    page.locator("#catalogue-q").fill(NO_MATCH)
    assert shown(page) == set()
    empty = page.locator(".catalogue-empty")
    expect(empty).to_be_visible()
    clear = empty.locator("button[data-clear]")
    expect(clear).to_be_visible()
    clear.click()
    expect(empty).to_be_hidden()
    expect(page.locator("#catalogue-q")).to_have_value("")
    expect(page.locator(".catalogue-filters input:checked")).to_have_count(0)
    assert shown(page) == set(content.policies)
    assert not urlsplit(page.url).query, f"the URL still has filters after clearing: {page.url}"


# --------------------------------------------------------------------------
# Keyboard, phone, no JavaScript
# --------------------------------------------------------------------------

def test_keyboard_only(page, expect, engine_site_url, content, width):
    open_catalogue(page, expect, engine_site_url + CATALOGUE)
    panel = page.locator("details.filter-panel")
    if not panel.evaluate("d => d.open"):  # on a phone: Tab to the summary, open it with Enter
        tab_until(page, lambda f: f["summary"])
        page.keyboard.press("Enter")
        expect(panel).to_have_attribute("open", "")
    tab_until(page, lambda f: f["id"] == "catalogue-q")
    # Tab on to a checkbox whose entries are some but not all.
    everything = set(content.policies)
    target = tab_until(page, lambda f: f["type"] == "checkbox"
                       and 0 < len(having(content, f["name"], f["value"])) < len(everything))
    page.keyboard.press("Space")
    expect(box(page, target["name"], target["value"])).to_be_checked()
    assert shown(page) == having(content, target["name"], target["value"])
    page.keyboard.press("Space")
    expect(box(page, target["name"], target["value"])).not_to_be_checked()
    assert shown(page) == everything


def test_phone_filters_fold_away_and_open(browser, expect, engine_site_url):
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        open_catalogue(page, expect, engine_site_url + CATALOGUE)
        panel = page.locator("details.filter-panel")
        assert panel.evaluate("d => d.open") is False, "the filter panel is open on a phone"
        expect(page.locator("#catalogue-q")).to_be_hidden()
        problem = sideways(page, PHONE["width"])
        assert problem is None, f"scrolls sideways: {problem}"
        panel.locator("summary").click()
        expect(page.locator("#catalogue-q")).to_be_visible()
        expect(page.locator(".catalogue-filters input[type=checkbox]").first).to_be_visible()
        problem = sideways(page, PHONE["width"])
        assert problem is None, f"open panel scrolls sideways: {problem}"
    finally:
        context.close()


def fullest_entry(content):
    """The entry with the most to show: most basis clauses, then most related targets."""
    return max(content.policies.values(), key=lambda p: (len(p.basis), len(p.related_indicators)))


@pytest.mark.parametrize("path", ["entry", SELF_CHECK])
def test_phone_other_pages_do_not_scroll_sideways(browser, expect, engine_site_url, content, path):
    context = new_context(browser, PHONE["width"])
    try:
        page = context.new_page()
        if path == "entry":
            policy = fullest_entry(content)
            page.goto(engine_site_url + f"policies/{policy.id}/")
        else:
            page.goto(engine_site_url + path)
            submit_profile(page, expect, *PROFILES[1])
        problem = sideways(page, PHONE["width"])
        assert problem is None, f"{path} scrolls sideways: {problem}"
    finally:
        context.close()


def test_without_javascript_everything_is_listed(browser, expect, engine_site_url, content):
    context = new_context(browser, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(engine_site_url + CATALOGUE)
        assert page.locator("html.no-js").count() == 1, "JavaScript ran although it is disabled"
        expect(page.locator("form.catalogue-filters")).to_be_hidden()
        expect(page.locator(".catalogue-empty")).to_be_hidden()
        assert shown(page) == set(content.policies)
        page.goto(engine_site_url + SELF_CHECK)
        expect(page.locator("form.self-check")).to_be_hidden()
    finally:
        context.close()


# --------------------------------------------------------------------------
# Self-check
# --------------------------------------------------------------------------

def test_self_check_lists_what_fits_grouped_by_status(context, expect, site, width):
    url, content = site
    log = record_requests(context)
    page = context.new_page()
    # The catalogue is fetched as the page loads, before any answer is given.
    with page.expect_request(lambda r: urlsplit(r.url).path == "/policies/catalogue.json"):
        page.goto(url + SELF_CHECK)
    page.wait_for_load_state("networkidle")
    loaded = len(log.urls)
    problems = []
    for who, needs, industry, staff, revenue in PROFILES:
        submit_profile(page, expect, who, needs, industry, staff, revenue)
        profile = f"{who} + {needs or '(no need)'} + {industry or '(不确定)'} + {staff}人 {revenue}万元"
        fits = {p.id for p in content.policies.values() if self_check_fits(p, who, needs, industry, staff, revenue)}
        all_ids = result_ids(page)
        if len(all_ids) != len(set(all_ids)):
            problems.append(f"{profile}: an entry is listed twice: {all_ids}")
        if set(all_ids) != fits:
            problems.append(f"{profile}: lists {sorted(all_ids)}; expected {sorted(fits)} "
                            f"(missing {sorted(fits - set(all_ids))}, extra {sorted(set(all_ids) - fits)})")
        for group, current in (("current", True), ("historical", False)):
            want = {i for i in fits if is_current(expected_status(content, content.policies[i])) == current}
            got = set(result_ids(page, group))
            if got != want:
                problems.append(f"{profile}: {group} group {sorted(got)}, expected {sorted(want)}")
        heading = page.locator("[data-results] h2").inner_text()
        if fits and str(len(fits)) not in heading:
            problems.append(f"{profile}: heading {heading!r} does not say {len(fits)}")
        lapsed = [i for i in fits if not is_current(expected_status(content, content.policies[i]))]
        all_expired = bool(fits) and len(lapsed) == len(fits) and all(
            expected_status(content, content.policies[i]) == "已失效" for i in fits)
        if all_expired != heading.endswith("均已失效"):
            problems.append(f"{profile}: heading {heading!r} but {len(lapsed)} of {len(fits)} have lapsed")
        hrefs = page.locator("[data-results] li[data-policy]").evaluate_all(
            "items => items.map(i => [i.dataset.policy, i.querySelector('a').href])")
        for policy_id, href in hrefs:
            if href != url + f"policies/{policy_id}/":
                problems.append(f"{profile}: {policy_id} links to {href}")
        own = {a for w in who for a in IDENTITY[w].audiences}
        broader = {AUDIENCE.term(a).extra.get("broader") for a in own} - {None}
        if broader:  # e.g. 科技型小微企业 also gets what is for 小微企业
            via_broader = {i for i in fits if not own & set(content.policies[i].audiences)}
            if not via_broader:
                problems.append(f"{profile}: no entry comes in through the broader group {broader}; weak profile")
    page.wait_for_load_state("networkidle")
    assert not problems, "\n".join(problems)
    assert not log.external(), "requests leaving 127.0.0.1:\n" + "\n".join(log.external())
    # Writing the answers into the URL's fragment makes Chromium fetch the
    # page's icon again (a same-document navigation); that request repeats
    # one made at load, and carries nothing of the answers (a fragment is
    # never sent, nor part of a Referer). Anything else is a leak.
    after = [u for u in log.urls[loaded:] if not (u in log.urls[:loaded] and not urlsplit(u).query)]
    assert not after, "submitting the answers made requests:\n" + "\n".join(after)
    assert all(not urlsplit(u).query for u in log.urls[loaded:]), log.urls[loaded:]


@pytest.mark.parametrize("profile", [PROFILES[1], (["micro"], [], "", None, None)], ids=["tech-innovation", "micro-all"])
def test_self_check_results_start_in_view(page, expect, engine_site_url, width, profile):
    """After submitting, the reader sees the start of the results — “找到 N 项…”
    and the first group heading — below the fixed header, not the middle of the list."""
    page.goto(engine_site_url + SELF_CHECK)
    submit_profile(page, expect, *profile)
    wait_for_scroll_to_settle(page)
    where = page.evaluate("""() => {
        const h2 = document.querySelector('[data-results] h2').getBoundingClientRect();
        const header = document.querySelector('.md-header').getBoundingClientRect();
        return {top: Math.round(h2.top), bottom: Math.round(h2.bottom),
                header: Math.round(header.bottom), height: innerHeight,
                results: Math.round(document.querySelector('[data-results]').getBoundingClientRect().height)};
    }""")
    assert where["header"] <= where["top"] and where["bottom"] <= where["height"], (
        f"the results heading is not in view after submitting ({width} px): its top is at {where['top']} px, "
        f"the header ends at {where['header']} px, the viewport is {where['height']} px high, "
        f"the results are {where['results']} px high"
    )


# --------------------------------------------------------------------------
# Screenshots for a human (tests/screenshots/, gitignored)
# --------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["catalogue", "policy", "self-check"])
def test_screenshot(browser, expect, engine, engine_site_url, content, name, width):
    context = new_context(browser, width)
    try:
        page = context.new_page()
        if name == "catalogue":
            open_catalogue(page, expect, engine_site_url + CATALOGUE)
            open_filters(page, expect)
        elif name == "policy":
            policy = fullest_entry(content)
            page.goto(engine_site_url + f"policies/{policy.id}/")
        else:
            page.goto(engine_site_url + SELF_CHECK)
            submit_profile(page, expect, *PROFILES[1])
        page.wait_for_load_state("networkidle")
        page.evaluate("document.fonts.ready.then(() => true)")
        folder = screenshots(engine)
        paths = []
        if name == "self-check":
            # The results as the reader sees them after submitting (scrolled to them)...
            paths.append(folder / f"{name}-results-{width}.png")
            page.screenshot(path=str(paths[-1]), timeout=SCREENSHOT_TIMEOUT_MS)
            # ...and the whole page from the top: a full-page capture of a scrolled
            # page would draw the fixed header halfway down.
            page.evaluate("window.scrollTo(0, 0)")
        paths.append(folder / f"{name}-{width}.png")
        page.screenshot(path=str(paths[-1]), full_page=True, timeout=SCREENSHOT_TIMEOUT_MS)
    finally:
        context.close()
    assert all(p.stat().st_size > 0 for p in paths)
