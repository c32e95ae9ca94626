/* policy-site search core: the query, the index files, the ranking and
 * what each result matched. It knows no search UI: the file is written into
 * the site twice, each time followed by one adapter that speaks a theme's
 * worker protocol (material.js: Material for MkDocs; zensical.js: Zensical),
 * and the theme's config names its worker (overrides/main.html).
 *
 * The index is cut into files (policy_site/search/index.py): a query fetches the
 * shards of its own tokens, scores the documents in them, then fetches the
 * records of the best few. tokens() and normalize() must cut text exactly as
 * policy_site/search/tokens.py does; tests/test_search.py checks both on the same
 * strings.
 */
"use strict";

const HAN = "\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff";
const TOKEN_RUN = new RegExp(`[${HAN}]+|[a-z0-9]+(?:\\.[0-9]+)*`, "g");
const HAN_RUN = new RegExp(`^[${HAN}]`);

// How many records to fetch and re-rank, and how many to show.
const CANDIDATES = 20;
const RESULTS = 20;

function normalize(text) {
  return text.normalize("NFKC").toLowerCase();
}

function tokens(text) {
  const out = [];
  for (const run of normalize(text).match(TOKEN_RUN) || []) {
    if (HAN_RUN.test(run)) {
      for (let i = 0; i < run.length - 1; i++) out.push(run.slice(i, i + 2));
      out.push(run[run.length - 1]);
    } else {
      out.push(run);
    }
  }
  return out;
}

function shardOf(token, shards) {
  return (Math.imul(token.codePointAt(0), 2654435761 | 0) >>> 0) % shards;
}

/* -- the query ------------------------------------------------------------ */

// A question is cut into words before it is searched (content/search.yaml,
// in the settings): at spaces, at the stop words (我想, 怎么, 有没有, 吗 ...,
// dropped) and around the synonym words (借钱 ...) and the broad words (补贴
// ...), which stay whole. A synonym word also finds its terms (借钱 finds 贷款
// too). A question made of stop words only is searched as typed.
function words(query) {
  const stop = settings.stop || [];
  const known = [...new Set([...Object.keys(settings.synonyms || {}), ...(settings.broad || [])])]
    .sort((a, b) => b.length - a.length);
  const out = [];
  for (const piece of normalize(query).split(/\s+/)) {
    let current = "";
    // Two single characters with only stop words between them are one word
    // (交哪些税: 交税).
    let single = false;
    const flush = () => {
      if (!current) return;
      if (single && current.length === 1) out[out.length - 1] += current;
      else out.push(current);
      single = current.length === 1 && !single;
      current = "";
    };
    for (let i = 0; i < piece.length;) {
      const word = known.find(w => piece.startsWith(w, i));
      const drop = word ? null : stop.find(w => piece.startsWith(w, i));
      if (word) { flush(); out.push(word); single = false; i += word.length; }
      else if (drop) { flush(); i += drop.length; }
      else { current += piece[i]; i += 1; }
    }
    flush();
  }
  // Han characters and letters or digits typed together are separate words
  // (被评为AAA: 被评为 and aaa).
  const split = out.flatMap(word => word.match(TOKEN_RUN) || []);
  return split.length ? split : normalize(query).split(/\s+/).filter(Boolean);
}

// Each word is a term; its alternatives are the word and its synonyms' terms.
// Each alternative is runs of Han characters or of letters and digits; each
// run gives "needs", tokens a document must have. Two or more Han characters
// need their bigrams (the same pairs the index holds); one Han character, or
// letters and digits, is a prefix (any token starting with it): the person
// may still be typing.
//
// A document matches an alternative when every character of it is in a need
// the document has. So 个转企 needs both 个转 and 转企, while 小微企业贷款
// also matches a text that says 小微企业 and 贷款 apart (业贷 is missing, but
// 业 and 贷 are each in a pair it has); 小微企业园 does not match a text
// without 园: it matches it partly (PARTIAL).
const MAX_NEEDS = 30; // needs are tracked as bits of a number
// A document that has at least this share of a term's characters matches it
// partly: shown after the full matches, labelled 部分匹配.
const PARTIAL = 0.5;
// A term that more than this share of all records match is common.
const COMMON = 0.2;

function parseAlternative(text) {
  const runs = text.match(TOKEN_RUN);
  if (!runs) return null;
  const needs = [];
  const chars = []; // per character: bit mask of the needs that hold it
  for (const run of runs) {
    if (HAN_RUN.test(run) && run.length > 1) {
      const first = chars.length;
      for (let i = 0; i < run.length; i++) chars.push(0);
      for (let i = 0; i < run.length - 1; i++) {
        if (needs.length < MAX_NEEDS) {
          chars[first + i] |= 1 << needs.length;
          chars[first + i + 1] |= 1 << needs.length;
        }
        needs.push({ token: run.slice(i, i + 2) });
      }
    } else {
      chars.push(needs.length < MAX_NEEDS ? 1 << needs.length : 0);
      needs.push({ prefix: run });
    }
  }
  return { text, runs, needs: needs.slice(0, MAX_NEEDS), chars: chars.filter(Boolean) };
}

// A term is broad when it only says what kind of help is wanted (补贴, 扶持;
// content/search.yaml, broad_words), itself or through every one of its
// synonyms' terms (补助 -> 补贴).
function parseQuery(query) {
  const synonyms = settings.synonyms || {};
  const broad = new Set(settings.broad || []);
  const terms = [];
  for (const word of words(query)) {
    const alternatives = [word, ...(synonyms[word] || [])].map(parseAlternative).filter(Boolean);
    if (!alternatives.length) continue;
    terms.push({ word, text: [word, ...(synonyms[word] || [])].join(" "), alternatives,
                 broad: broad.has(word) || (word in synonyms && synonyms[word].every(t => broad.has(t))) });
  }
  return terms;
}

// Whether the query asks about business abroad: one of its words or their
// synonyms' terms has an abroad word (境外, 出口; content/search.yaml).
function asksAbroad(terms) {
  const abroad = settings.abroad || [];
  return terms.some(term => term.alternatives.some(a => abroad.some(w => a.text.includes(w))));
}

// The share of the alternative's characters that the needs in ``mask`` hold.
function coverage(alternative, mask) {
  if (!alternative.chars.length) return 0;
  return alternative.chars.filter(bits => (bits & mask) !== 0).length / alternative.chars.length;
}

/* -- the index files ------------------------------------------------------ */

let settings = null;
let ready = null; // the index settings, fetched once the UI has said hello
const INDEX = "../search-index/"; // relative to this worker, which is in assets/

// Fetches the index settings (search-index/search_index.json), once.
function load() {
  ready = ready || fetch(new URL(`${INDEX}search_index.json`, self.location.href))
    .then(response => response.json())
    .then(index => { settings = index.config.policy_site; });
}
const files = new Map();
const decoded = new Map();

function fetchJSON(name) {
  if (!files.has(name)) {
    const url = new URL(`${INDEX}${settings.path}${name}`, self.location.href);
    files.set(name, fetch(url).then(response => {
      if (!response.ok) throw new Error(`${url}: ${response.status}`);
      return response.json();
    }));
  }
  return files.get(name);
}

function decode(postings) {
  if (decoded.has(postings)) return decoded.get(postings);
  const alphabet = settings.alphabet;
  const result = new Map();
  let id = -1;
  for (let i = 0; i < postings.length;) {
    let gap = 0, shift = 0, digit;
    do {
      digit = alphabet.indexOf(postings[i++]);
      gap |= (digit & 31) << shift;
      shift += 5;
    } while (digit & 32);
    id += gap;
    result.set(id, alphabet.indexOf(postings[i++]));
  }
  decoded.set(postings, result);
  return result;
}

// Document id -> weight for one need (for a prefix: the best weight among
// every token that starts with it).
async function lookup(need) {
  const key = need.token || need.prefix;
  const shard = await fetchJSON(`s${shardOf(key, settings.shards)}.json`);
  if (need.token) return shard[key] ? decode(shard[key]) : new Map();
  const merged = new Map();
  for (const token of Object.keys(shard)) {
    if (!token.startsWith(key)) continue;
    for (const [id, weight] of decode(shard[token]))
      if (!(merged.get(id) >= weight)) merged.set(id, weight);
  }
  return merged;
}

/* -- scoring -------------------------------------------------------------- */

async function rank(terms) {
  const total = settings.docs;
  // id -> { full: the terms that decide a full match (not common) it has
  // whole, whole: every term it has whole (the words Material marks found),
  // share: the sum of those terms' coverage, score, alternatives: the best
  // alternative per term index }
  const scores = new Map();
  const bests = [];
  await Promise.all(terms.map(async (term, t) => {
    const best = new Map(); // id -> [coverage, score, alternative]
    await Promise.all(term.alternatives.map(async alternative => {
      const postings = await Promise.all(alternative.needs.map(lookup));
      const found = new Map(); // id -> [needs found, their mask, weighted sum]
      postings.forEach((posting, n) => {
        const idf = Math.log(1 + (total - posting.size + 0.5) / (posting.size + 0.5));
        for (const [id, weight] of posting) {
          const entry = found.get(id) || [0, 0, 0];
          entry[0] += 1;
          entry[1] |= 1 << n;
          entry[2] += idf * weight;
          found.set(id, entry);
        }
      });
      for (const [id, [count, mask, sum]] of found) {
        const share = coverage(alternative, mask);
        if (share < PARTIAL) continue;
        const needShare = count / alternative.needs.length;
        const score = sum * needShare * needShare * (share === 1 ? 1 : share);
        const previous = best.get(id);
        if (!previous || share > previous[0] || (share === previous[0] && score > previous[1]))
          best.set(id, [share, score, alternative]);
      }
    }));
    bests[t] = best;
  }));
  // A word that a large share of the records has (政策, 企业, 管) says little
  // about what is asked: it counts for the score, not for a full match.
  // A single character left between the words of a question (管 in 经信局管什么)
  // is as weak, and so is a broad word (补贴 in 招工有没有补贴).
  const whole = bests.map(best => [...best.values()].filter(([share]) => share === 1).length);
  const common = bests.map((_, t) => whole[t] > COMMON * total || terms[t].broad ||
    (terms.length > 1 && terms[t].alternatives.every(a => a.chars.length === 1 && HAN_RUN.test(a.text))));
  // When every word is weak, the words that are not broad decide (补贴 in
  // 个体户有没有补贴 still only ranks); when all are broad, all of them do.
  if (common.every(Boolean)) common.forEach((_, t) => { common[t] = terms[t].broad && !terms.every(x => x.broad); });
  const needed = common.filter(c => !c).length;
  bests.forEach((best, t) => {
    for (const [id, [share, score, alternative]] of best) {
      const entry = scores.get(id) || { full: new Set(), whole: new Set(), share: 0, score: 0, alternatives: new Map() };
      if (share === 1) entry.whole.add(t);
      if (!common[t]) {
        if (share === 1) entry.full.add(t);
        entry.share += share;
      }
      entry.score += score;
      entry.alternatives.set(t, alternative);
      scores.set(id, entry);
    }
  });
  for (const [id, entry] of scores) if (!entry.share && needed) scores.delete(id);
  return { needed, common, ranked: [...scores].sort(([a, x], [b, y]) => order(x, y, needed) || a - b) };
}

// Words found apart do not answer a question together: a long text (an
// interpretation retelling the whole plan) that has 创业 in one paragraph and
// 厂房 in another does not answer 创业房租补贴. A record matches as well as its
// best passage does: its title and keywords with one line of its text. The
// best passage has the most words whole, then the largest share.
function passages(record) {
  const head = `${record.t} ${(record.w || []).join(" ")}`;
  return (record.x || "").split("\n").map(line => `${head} ${line}`);
}

function together(record, terms, common) {
  let best = { full: 0, share: 0 };
  for (const passage of passages(record)) {
    const has = new Set(tokens(passage));
    const prefixed = prefix => [...has].some(token => token.startsWith(prefix));
    let full = 0, share = 0;
    terms.forEach((term, t) => {
      if (common[t]) return;
      let most = 0;
      for (const alternative of term.alternatives) {
        let mask = 0;
        alternative.needs.forEach((need, n) => { if (need.token ? has.has(need.token) : prefixed(need.prefix)) mask |= 1 << n; });
        most = Math.max(most, coverage(alternative, mask));
      }
      if (most >= PARTIAL) { share += most; if (most === 1) full += 1; }
    });
    if (full > best.full || (full === best.full && share > best.share)) best = { full, share };
  }
  return best;
}

// Full matches (every term whole) first, then by how much of the question
// matched, then by score.
function order(x, y, count) {
  return (y.full.size === count) - (x.full.size === count) || y.share - x.share || y.score - x.score;
}

// A term typed as a whole that the record says as a whole (in the title
// above all) is what the person meant: 风险补偿 in 贷款风险补偿金 beats a text
// that has 风险 and 补偿 apart. When the query does not ask about abroad, a
// word the record says only right after an abroad word (境外专利) is not
// what the person meant by the word (专利) either.
function phraseFactor(record, alternative, qualifiers) {
  const says = (text, run) => {
    for (let at = text.indexOf(run); at >= 0; at = text.indexOf(run, at + 1))
      if (!qualifiers.some(q => text.startsWith(q, at - q.length))) return true;
    return false;
  };
  const title = normalize(record.t);
  const rest = normalize(`${record.x} ${(record.w || []).join(" ")}`);
  let factor = 1;
  for (const run of alternative.runs) {
    if (says(title, run)) factor *= 1.6;
    else if (says(rest, run)) factor *= 1.2;
    else factor *= 0.6;
  }
  return factor;
}

// A record about business abroad (its title has an abroad word) counts less
// when the query does not ask about abroad: 专利 finds the entry on 自主知识产权
// before the one on 申请境外专利.
const FOREIGN = 0.5;

function foreign(record) {
  const title = normalize(record.t);
  return (settings.abroad || []).some(w => title.includes(w));
}

/* -- the results: what any search UI shows ----------------------------------- */

// The results of ``query``, best first: each record (and its id) with its score, whether
// it matches the query only in part, and what of the query it matched (each
// word, the site's word it was found as when a synonym led there, and
// whether whole). Full matches come first by their score with the phrase
// factor, then the partial ones by how many of the query's words they have
// whole, then by how much of the query they matched; a record about business
// abroad after the domestic ones that match as well.
async function find(query) {
  const terms = parseQuery(query);
  if (!terms.length) return { terms, results: [] };
  const { needed, common, ranked: all } = await rank(terms);
  const ranked = all.slice(0, CANDIDATES);
  const perFile = settings.per_file;
  const records = await Promise.all(ranked.map(([id]) =>
    fetchJSON(`d${Math.floor(id / perFile)}.json`).then(file => file[id % perFile])));
  const abroad = asksAbroad(terms);
  const qualifiers = abroad ? [] : settings.abroad || [];
  const found = ranked.map(([, entry], i) => {
    const record = records[i];
    let factor = !abroad && foreign(record) ? FOREIGN : 1;
    for (const [, alternative] of entry.alternatives) factor *= phraseFactor(record, alternative, qualifiers);
    const matched = [...entry.alternatives].sort(([a], [b]) => a - b).map(([t, alternative]) => ({
      word: terms[t].word, as: alternative.text === terms[t].word ? null : alternative.text,
      whole: entry.whole.has(t) }));
    const { full, share } = together(record, terms, common);
    return { id: ranked[i][0], record, full, share, score: entry.score * factor, partial: full < needed, matched };
  });
  const full = found.filter(f => !f.partial).sort((x, y) => y.score - x.score);
  const partial = found.filter(f => f.partial).sort((x, y) => y.full - x.full || y.share - x.share || y.score - x.score);
  return { terms, results: [...full, ...partial].slice(0, RESULTS) };
}

/* -- marking the query's words ---------------------------------------------- */

function escapeRegExp(text) {
  return text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

// Marks every place the query's runs occur; a run the text does not contain
// whole is marked by its character pairs.
function marker(terms, text) {
  const parts = [];
  const lower = normalize(text);
  for (const term of terms)
    for (const run of term.alternatives.flatMap(a => a.runs)) {
      if (lower.includes(run) || run.length < 2) parts.push(run);
      else for (let i = 0; i < run.length - 1; i++) parts.push(run.slice(i, i + 2));
    }
  parts.sort((a, b) => b.length - a.length);
  return parts.length ? new RegExp(parts.map(escapeRegExp).join("|"), "gi") : null;
}

/* -- what a search UI shows ------------------------------------------------- */

// Results grouped by page: the page's own record (when found) first, then the
// records on it in the order found; the groups in the order of their first
// result. Partial matches group apart, after every full match, even on a page
// that also has full ones.
function pages(found) {
  const byPage = new Map();
  for (const result of found) {
    const { record, partial } = result;
    const page = record.l.split("#")[0];
    const key = partial ? `partial:${page}` : page;
    if (!byPage.has(key)) byPage.set(key, { page, title: record.p, self: null, children: [] });
    const group = byPage.get(key);
    if (record.l === page) group.self = result;
    else group.children.push(result);
  }
  return [...byPage.values()];
}

// The answer to ``query`` as ``present`` shapes ``find``'s results; ``empty``
// when the search fails; null when a later query came in meanwhile, whose
// answer is the one to show.
let latest = 0;

async function answer(query, present, empty) {
  const ticket = ++latest;
  let result;
  try {
    await ready;
    result = present(await find(query));
  } catch (error) {
    console.error(error);
    result = empty;
  }
  return ticket === latest ? result : null;
}
