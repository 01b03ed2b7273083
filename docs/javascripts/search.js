// Search in the header's search box, with the site's Pagefind index (macros/search_index.py).
//
// Material's dialog, styles and keys (overrides/partials/search.html), Pagefind's engine: it is
// loaded when the reader first opens the search, and each query fetches only the parts of the
// index it needs. The engine is the site's own pagefind/pagefind.js, found from this file's own
// address, so the site works at a domain's root and under a sub-path alike. Every text from the
// index is put on the page as text (textContent, text nodes), never parsed as HTML.

const SITE = new URL("../", import.meta.url);
const SHOWN = 5; // results rendered at once (a screenful); five more each time the last one scrolls into view
const SECTIONS = 2; // at most this many matching sections under a page
const DEBOUNCE_MS = 50; // wait for a pause in typing: each query fetches index chunks and fragments
// The names of what a page is about (overrides/main.html: an actor's name and aliases, an event's
// or a source's title) weigh more than a title alone: a name is what a reader types most, and its
// words are also those of the many claims about the thing. Pagefind scales a field's boost by how
// rare the words matched are and how much of the query they cover, so a common word ("Trump")
// moves a page up less than a rare one ("DPRK"); firstResults() does the rest.
const RANKING = { metaWeights: { title: 5, names: 20 } };
const LOOK_FURTHER = 30; // results searched for a page named as typed, when none is shown first

const toggle = document.querySelector("[data-md-toggle=search]");
const dialog = document.querySelector("[data-search-dialog]");
const query = dialog && dialog.querySelector("[data-md-component=search-query]");
if (toggle && query) setUp();

function setUp() {
  const form = query.form;
  const meta = dialog.querySelector(".md-search-result__meta");
  const list = dialog.querySelector(".md-search-result__list");
  const config = JSON.parse(document.getElementById("__config").textContent);
  const translate = (key, count) => (config.translations[key] || "").replace("#", String(count));
  const highlight = (config.features || []).includes("search.highlight");

  let engine; // the promise of Pagefind's module, once asked for
  let latest = 0; // the number of the newest query: older answers are dropped
  let timer;
  let waiting = []; // results of the newest query not shown yet
  let loading = false;
  // Results are shown a few at a time (each one fetches a fragment of the index): the next few
  // when the last one shown scrolls into view.
  const scrolled = new IntersectionObserver((entries) => {
    if (entries.some((entry) => entry.isIntersecting)) showMore(latest);
  }, { root: dialog.querySelector(".md-search__scrollwrap") });

  function pagefind() {
    engine ??= import(new URL("pagefind/pagefind.js", SITE).href).then(async (module) => {
      await module.options({ ranking: RANKING, baseUrl: SITE.pathname }); // "/" or "/explainer/"
      await module.init();
      return module;
    });
    engine.catch(() => { engine = undefined; }); // try again next time
    return engine;
  }

  function setOpen(open) {
    if (toggle.checked !== open) toggle.click(); // a click, so Material sees the change event
  }

  // As Material's own search does: on a phone or tablet the open dialog covers the page, which is
  // held still behind it (body[data-md-scrolllock] is position: fixed), so the growing overlay
  // never makes the page scroll sideways; its scroll position comes back on closing.
  const smallScreen = window.matchMedia("(max-width: 59.984375em)");
  let scrolledTo = 0;
  function lockPage(locked) {
    if (locked === document.body.hasAttribute("data-md-scrolllock")) return;
    if (locked) {
      scrolledTo = window.scrollY;
      document.body.setAttribute("data-md-scrolllock", "");
    } else {
      document.body.removeAttribute("data-md-scrolllock");
      window.scrollTo(0, scrolledTo);
    }
  }

  toggle.addEventListener("change", () => {
    lockPage(toggle.checked && smallScreen.matches);
    list.hidden = !toggle.checked;
    list.setAttribute("role", toggle.checked ? "list" : "presentation");
    if (toggle.checked) pagefind().catch(() => {}); // start loading while the reader types
  });

  query.addEventListener("focus", () => {
    if (!query.value) meta.textContent = translate("search.result.placeholder");
    setOpen(true);
  });
  // The header's button opens the dialog by focusing the box, within the reader's click, which
  // brings up a phone's keyboard; the label's own toggling would close it again.
  const button = document.querySelector(".md-header__button[for=__search]");
  if (button) {
    button.addEventListener("click", (event) => {
      event.preventDefault();
      query.focus();
    });
  }
  query.addEventListener("input", () => {
    clearTimeout(timer);
    timer = setTimeout(search, DEBOUNCE_MS);
  });
  form.addEventListener("submit", (event) => event.preventDefault());
  form.addEventListener("reset", () => setTimeout(() => { query.focus(); search(); }));
  dialog.addEventListener("click", (event) => {
    if (event.target instanceof Element && event.target.closest(".md-search-result__link")) setOpen(false);
  });
  window.addEventListener("keydown", (event) => onKey(event), true);

  async function search() {
    const text = query.value.trim();
    // A last word of one Latin letter or digit ("Kim J") is still being typed: the results so far
    // stay, rather than fetch the part of the index that holds every word starting with it.
    if (/\s[a-z0-9]$/i.test(text)) return;
    const ticket = ++latest;
    scrolled.disconnect();
    waiting = [];
    if (!text || /^[a-z0-9]$/i.test(text)) {
      list.replaceChildren();
      meta.textContent = translate("search.result.placeholder");
      return;
    }
    try {
      const found = await (await pagefind()).search(asIndexed(text));
      const [shown, pages] = await firstResults(found.results, text);
      if (ticket !== latest) return;
      waiting = found.results.filter((result) => !shown.includes(result));
      list.replaceChildren(...pages.map((page) => item(page, text)));
      meta.textContent = countText(found.results.length);
      watchLast();
    } catch (error) {
      if (ticket !== latest) return;
      list.replaceChildren();
      meta.textContent = "Search is not available right now.";
      throw error; // and in the console
    }
  }

  // The first results and their pages, the page named exactly as typed first (case, accents,
  // spaces and punctuation aside: "kim jong-un" is Kim Jong Un). When a name is a common word
  // ("Trump") its page may rank below the first few, so the few further results that matched
  // names are fetched along with them (a small fragment each, at the same time).
  async function firstResults(results, text) {
    const wanted = fold(text);
    const named = (page) => [page.meta.title, ...names(page)].some((name) => fold(name) === wanted);
    const first = results.slice(0, SHOWN);
    const further = results.slice(SHOWN, LOOK_FURTHER)
      .filter((result) => (result.matchedMetaFields || []).includes("names")).slice(0, SHOWN);
    const [pages, candidates] = await Promise.all([first, further].map(
      (group) => Promise.all(group.map((result) => result.data()))));
    const promoted = pages.some(named) ? [] : further.filter((_, index) => named(candidates[index]));
    const shown = [...promoted, ...first];
    const all = [...candidates.filter((page, index) => promoted.includes(further[index])), ...pages];
    const order = all.map((page, index) => [named(page) ? 0 : 1, index]).sort((a, b) => a[0] - b[0] || a[1] - b[1]);
    return [shown, order.map(([, index]) => all[index])];
  }

  async function showMore(ticket) {
    if (loading || !waiting.length) return;
    loading = true;
    try {
      const text = query.value.trim();
      const pages = await Promise.all(waiting.splice(0, SHOWN).map((result) => result.data()));
      if (ticket !== latest) return;
      list.append(...pages.map((page) => item(page, text)));
      watchLast();
    } finally {
      loading = false;
    }
  }

  function watchLast() {
    scrolled.disconnect();
    if (waiting.length && list.lastElementChild) scrolled.observe(list.lastElementChild);
  }

  function countText(count) {
    if (count === 0) return translate("search.result.none");
    return count === 1 ? translate("search.result.one") : translate("search.result.other", count);
  }

  function onKey(event) {
    if (event.metaKey || event.ctrlKey || event.altKey || event.isComposing) return;
    const active = document.activeElement;
    if (!toggle.checked) {
      if (["/", "s", "f"].includes(event.key) && !takesText(active)) {
        query.focus();
        query.select();
        event.preventDefault();
        event.stopPropagation();
      }
      return;
    }
    const links = [...list.querySelectorAll("a[href]")];
    switch (event.key) {
      case "Enter":
        if (active === query) {
          event.preventDefault();
          clearTimeout(timer);
          if (links.length) links[0].click();
        }
        break;
      case "Escape":
      case "Tab":
        setOpen(false);
        query.blur();
        break;
      case "ArrowUp":
      case "ArrowDown": {
        const stops = [query, ...links];
        const step = event.key === "ArrowUp" ? -1 : 1;
        const at = Math.max(0, stops.indexOf(active));
        stops[(at + step + stops.length) % stops.length].focus();
        event.preventDefault();
        break;
      }
      default:
        if (active !== query && event.key.length === 1) query.focus();
    }
  }

  function item(page, text) {
    const href = address(page.url, text);
    const kind = (page.filters && page.filters.kind && page.filters.kind[0]) || "Page";
    const entry = element("li", { class: "md-search-result__item" },
      link(href, [
        element("div", { class: "md-search-result__icon md-icon" }),
        element("h1", {}, page.meta.title || page.url),
        element("div", { class: "md-tags" }, element("span", { class: "md-tag" }, kind)),
        element("p", {}, ...excerpt(page.excerpt)),
      ]));
    // A long page's matching sections get links of their own; an entity's page is short.
    for (const section of kind === "Page" ? sections(page) : []) {
      entry.append(link(address(section.url, text), [
        element("h2", {}, section.title),
        element("p", {}, ...excerpt(section.excerpt)),
      ]));
    }
    return entry;
  }

  function link(href, children) {
    return element("a", { href, class: "md-search-result__link", tabindex: "-1" },
      element("article", { class: "md-search-result__article md-typeset" }, ...children));
  }

  // The sections of a page that hold most of the words searched for, beyond its opening.
  function sections(page) {
    const score = (section) => section.weighted_locations.reduce((sum, at) => sum + at.balanced_score, 0);
    return (page.sub_results || [])
      .filter((section) => section.url.includes("#") && section.title !== page.meta.title)
      .sort((a, b) => score(b) - score(a))
      .slice(0, SECTIONS);
  }

  // Pagefind's addresses start with the site's path (baseUrl above: "/explainer/actors/x/");
  // carry the words searched for to the page, which marks them.
  function address(url, text) {
    const target = new URL(url, SITE);
    if (highlight) target.searchParams.set("h", text);
    return target.href;
  }
}

// Pagefind indexes the letters and digits of a word and drops everything else ("=HYPERLINK(x)"
// is indexed as "hyperlink"), while from a query it drops only punctuation: drop the rest too
// (= + < > $ …), except from a word made of nothing else (an emoji) and from the quotes that
// ask for an exact phrase. Hyphens go either way: "cease-fire" is looked up as "ceasefire".
function asIndexed(text) {
  return text.split(/\s+/)
    .map((word) => /[\p{L}\p{N}]/u.test(word) ? word.replace(/[^\p{L}\p{N}\p{M}"]/gu, "") : word)
    .filter(Boolean).join(" ");
}

// The names of what the page is about, as overrides/main.html joins them.
function names(page) {
  return String(page.meta.names || "").split(" \u241e ").filter(Boolean);
}

function fold(text) {
  return String(text || "").normalize("NFKD").replace(/[^\p{L}\p{N}]/gu, "").toLocaleLowerCase();
}

// Pagefind's excerpt is the page's text with `<` and `>` escaped and the words found wrapped in
// <mark>…</mark>: split it at those marks and put every piece back as text, never as HTML.
function excerpt(html) {
  const nodes = [];
  let marked = false;
  for (const piece of String(html || "").split(/(<\/?mark>)/)) {
    if (piece === "<mark>" || piece === "</mark>") {
      marked = piece === "<mark>";
    } else if (piece) {
      const text = piece.replace(/&lt;/g, "<").replace(/&gt;/g, ">");
      nodes.push(marked ? element("mark", {}, text) : document.createTextNode(text));
    }
  }
  return nodes;
}

function element(name, attributes, ...children) {
  const node = document.createElement(name);
  for (const [key, value] of Object.entries(attributes)) node.setAttribute(key, value);
  node.append(...children); // strings become text nodes
  return node;
}

function takesText(node) {
  return node instanceof HTMLInputElement || node instanceof HTMLTextAreaElement
    || node instanceof HTMLSelectElement || (node instanceof HTMLElement && node.isContentEditable);
}

// search.highlight: the page opened from a result marks the words searched for (`?h=`), as
// Material's own search did.
function markSearchedWords() {
  const config = JSON.parse(document.getElementById("__config").textContent);
  const wanted = new URL(location.href).searchParams.get("h");
  const article = document.querySelector("article.md-content__inner");
  if (!wanted || !article || !(config.features || []).includes("search.highlight")) return;
  // A word of three letters or more is marked where a word starts with it ("strike" in
  // "strikes"), a shorter one only where it is a whole word ("Un", not "United").
  const escape = (word) => word.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const words = wanted.split(/\s+/).filter(Boolean)
    .map((word) => [...word].length >= 3 ? escape(word) : `${escape(word)}(?![\\p{L}\\p{N}])`);
  if (!words.length) return;
  const pattern = new RegExp(`(?<![\\p{L}\\p{N}])(?:${words.join("|")})`, "giu");
  const walker = document.createTreeWalker(article, NodeFilter.SHOW_TEXT, {
    acceptNode: (node) => node.parentElement.closest("script, style, svg, mark, .headerlink")
      ? NodeFilter.FILTER_REJECT : NodeFilter.FILTER_ACCEPT,
  });
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode);
  for (const node of texts) {
    const value = node.nodeValue;
    const pieces = [];
    let last = 0;
    for (const match of value.matchAll(pattern)) {
      pieces.push(value.slice(last, match.index), element("mark", {}, match[0]));
      last = match.index + match[0].length;
    }
    if (pieces.length) node.replaceWith(...pieces, value.slice(last));
  }
}

markSearchedWords();
