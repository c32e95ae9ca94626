/* policy-site search worker for Zensical: follows core.js in the file the
 * site serves (assets/search-worker-zensical.js). Zensical's search UI (a
 * button and a dialog) renders each result from its own list of documents,
 * which it loads with the page (<base>/search.json) and posts to its worker
 * with SETUP. For this site that list is search-index/search.json, one item
 * per record of the index and in the same order (policy_site/search/index.py),
 * because the theme's config gives Zensical's script search-index/ as its base
 * (overrides/main.html). This part answers a query with the ids of the
 * records found, in the order Material shows them (pages()), and where the
 * query's words are in each one's title and text.
 *
 * Messages, as in Zensical's worker (0.0.73): 0 SETUP (the list), 1 READY,
 * 2 QUERY ({input, filter, page}), 3 RESULT ({items, pagination}).
 */

let documents = [];

// Where ``pattern`` (the query's words, marker()) is in ``text``.
function ranges(text, pattern) {
  if (!pattern || !text) return [];
  return [...text.matchAll(pattern)].map(m => ({ start: m.index, end: m.index + m[0].length, value: m[0].length }));
}

function shown({ terms, results }) {
  const order = pages(results).flatMap(group => (group.self ? [group.self] : []).concat(group.children));
  const items = order.map(({ id, record }) => {
    const pattern = marker(terms, `${record.t} ${record.x}`);
    const { title, text } = documents[id];
    return { id, matches: [{ field: "title", value: { highlight: { ranges: ranges(title, pattern) } } },
                           { field: "text", value: { highlight: { ranges: ranges(text, pattern) } } }] };
  });
  return { items, pagination: { total: items.length } };
}

self.onmessage = async event => {
  const message = event.data;
  if (message.type === 0) {
    documents = message.data.items;
    load();
    self.postMessage({ type: 1 });
  } else if (message.type === 2 && ready && !message.data.page) {
    // Every result comes on the first page: there is no next page to ask for.
    // The dialog sends what was typed with &, < and > escaped.
    const input = typeof message.data.input === "string"
      ? message.data.input.replace(/&(amp|lt|gt);/g, (_, name) => ({ amp: "&", lt: "<", gt: ">" })[name]) : "";
    const result = await answer(input, shown, { items: [], pagination: { total: 0 } });
    // ``input``: the query this answers, for a script that watches the worker.
    if (result) self.postMessage({ type: 3, data: { ...result, input } });
  }
};
