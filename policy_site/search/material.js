/* policy-site search worker for Material for MkDocs: follows core.js in the
 * file the site serves (assets/search-worker.js). Material's search UI (the
 * box, `/` and `s` to focus, arrow keys, the result list) stays as it is;
 * this part writes the result groups it renders and speaks its protocol.
 */

// Visible results per page group before Material folds the rest away.
const SHOWN_PER_PAGE = 3;

function escapeHTML(text) {
  return text.replace(/[&<>"']/g, c => `&#${c.charCodeAt(0)};`);
}

function highlight(text, pattern) {
  if (!pattern) return escapeHTML(text);
  let out = "", last = 0;
  for (const match of text.matchAll(pattern)) {
    out += escapeHTML(text.slice(last, match.index)) + `<mark data-md-highlight>${escapeHTML(match[0])}</mark>`;
    last = match.index + match[0].length;
  }
  return (out + escapeHTML(text.slice(last))).replace(/<\/mark><mark data-md-highlight>/g, "");
}

const SNIPPET_BEFORE = 24;
const SNIPPET_LENGTH = 110;

function snippet(text, pattern) {
  let start = 0;
  if (pattern) {
    pattern.lastIndex = 0;
    const first = pattern.exec(text);
    pattern.lastIndex = 0;
    if (first) start = Math.max(0, first.index - SNIPPET_BEFORE);
  }
  const end = Math.min(text.length, start + SNIPPET_LENGTH);
  const cut = text.slice(start, end).replace(/\s+/g, " ");
  return (start > 0 ? "…" : "") + highlight(cut, pattern) + (end < text.length ? "…" : "");
}

// The kind label carries the query the result answers (data-ps-query), so a
// script (or a test) can tell this query's results from the last one's.
function title(record, pattern, query, partial) {
  const status = record.s ? ` <span class="ps-search-status">${escapeHTML(record.s)}</span>` : "";
  const part = partial ? ` <span class="ps-search-partial">部分匹配</span>` : "";
  return `<span class="ps-search-kind" data-ps-query="${escapeHTML(query)}">${escapeHTML(record.k)}</span> ` +
    `${highlight(record.t, pattern)}${status}${part}`;
}

// What a partial match matched, in words: 匹配到：创业、房租 → 厂房. Words it
// lacks are not listed (Material would cross them out under 缺少).
function matchedLine(matched) {
  const said = matched.map(m => (m.as ? `${m.word} → ${m.as}` : m.word) + (m.whole ? "" : "（部分字）"));
  return `<p class="ps-search-matched">匹配到：${escapeHTML(said.join("、"))}</p>`;
}

function item({ record, score, matched, partial }, terms, pattern, query) {
  const text = (partial ? matchedLine(matched) : "") + (record.x ? `<p>${snippet(record.x, pattern)}</p>` : "");
  // Only the words it has whole: Material highlights them on the page it
  // opens (?h=) and lists none as missing.
  const whole = new Set(matched.filter(m => m.whole).map(m => m.word));
  return {
    location: record.l,
    title: title(record, pattern, query, partial),
    text,
    score,
    terms: Object.fromEntries(terms.filter(term => whole.has(term.word)).map(term => [term.text, true])),
  };
}

// Results grouped by page (pages()), as Material shows them: the page first
// (the record itself, or a heading made from the page's title), then the
// records on it. Material folds away the ones scoring below the first item of
// the group, so the page heading carries the score of the third-best record.
function groups(found, terms, query) {
  const entry = result => item(result, terms, marker(terms, `${result.record.t} ${result.record.x}`), query);
  return pages(found).map(group => {
    const children = group.children.map(entry);
    const best = children.slice(0, SHOWN_PER_PAGE).map(c => c.score);
    const threshold = best.length ? Math.min(...best) : 0;
    const head = group.self ? entry(group.self) : {
      location: group.page,
      title: escapeHTML(group.title || group.page),
      text: "",
      score: threshold,
      terms: children[0].terms,
    };
    if (group.self && children.length)
      head.score = Math.min(head.score, threshold);
    return [head, ...children];
  });
}

/* -- Material's protocol --------------------------------------------------- */

// Messages, as in Material's integrations/search/worker/message: 0 SETUP,
// 1 READY, 2 QUERY, 3 RESULT. Material's UI loads its own
// search/search_index.json (which holds no documents: every generated page
// opts out of it) and posts it with SETUP; this worker reads the site's own
// index instead.
self.onmessage = async event => {
  const message = event.data;
  if (message.type === 0) {
    load();
    self.postMessage({ type: 1 });
  } else if (message.type === 2 && ready) {
    const result = await answer(message.data, ({ terms, results }) => ({ items: groups(results, terms, message.data) }),
                                { items: [] });
    if (result) self.postMessage({ type: 3, data: result });
  }
};
