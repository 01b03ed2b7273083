// Sort and filter the index and browse lists in place: every `div.entity-list` of a page
// (macros/templates/_lists.md.j2 writes the tables, facet.md.j2 the grouped lists).
//
// Without this script each list is complete, in its listed order (date or name). With it, a
// list gets a filter box (every word typed must appear in an entry), a menu for each column of
// a few fixed values (kind, hedge, status: the column heading says `data-filter`), a sort menu,
// and a count of what is shown, which screen readers announce. Text from the page is only read
// and written as text (textContent, new Option), never as HTML. The work is linear in the size of
// the list, plus one sort: a list of 10,000 entries filters as fast as it can be typed.
//
// The other wide tables of a page (four columns or more, outside these lists: the sources side by
// side, the kinds of claim) get each column's heading on their cells, as data-label, copied as
// text; on a phone lists.css then shows each row as a card, each value under its column's name, as
// the index tables are. Without this script such a table scrolls sideways in its own frame.
(function () {
  "use strict";

  var collator = new Intl.Collator(undefined, { numeric: true, sensitivity: "base" });
  var DIACRITICS = /[\u0300-\u036f]/g;
  var SPACES = /\s+/g;
  var BIG = 2000; // entries: above this, wait for a pause in typing before filtering
  var fields = 0;

  /* What a reader types matches text whatever its case and accents ("Kim Jong-un", "kim jong un"). */
  function folded(text) {
    return text.normalize("NFD").replace(DIACRITICS, "").toLowerCase().replace(SPACES, " ").trim();
  }

  function words(query) {
    return folded(query).split(/[\s\-‐‑–—]+/).filter(Boolean);
  }

  function matchesAll(text, wanted) {
    for (var i = 0; i < wanted.length; i++) {
      if (text.indexOf(wanted[i]) === -1) return false;
    }
    return true;
  }

  function element(tag, className, text) {
    var made = document.createElement(tag);
    if (className) made.className = className;
    if (text) made.textContent = text;
    return made;
  }

  /* A control under its label; the label names the control, and only the control. */
  function labelled(text, control) {
    var field = element("div", "list-tools__field");
    var label = element("label", "list-tools__label", text);
    fields += 1;
    control.id = "list-tools-" + fields;
    label.htmlFor = control.id;
    field.appendChild(label);
    field.appendChild(control);
    return field;
  }

  function plural(count, noun) {
    return count === 1 ? noun.replace(/s$/, "") : noun;
  }

  function later(action, wait) {
    var timer = null;
    return function () {
      clearTimeout(timer);
      timer = setTimeout(action, wait);
    };
  }

  /* Missing keys (a date with no year, an empty cell) go last whichever way a column is sorted. */
  function compareKeys(a, b, direction) {
    if (a === null || b === null) return a === b ? 0 : a === null ? 1 : -1;
    var order = typeof a === "number" ? a - b : collator.compare(a, b);
    return order * direction;
  }

  /* The controls, put before the list: a filter box, a menu per filter ({name, values}), the sort menu
     (its choices: [{label}]) and the count. */
  function tools(list, noun, sortChoices, filters) {
    var bar = element("div", "list-tools");
    bar.setAttribute("role", "group");
    bar.setAttribute("aria-label", "Filter and sort the " + noun);

    var box = element("input", "list-tools__input");
    box.type = "search";
    box.setAttribute("autocomplete", "off");
    box.setAttribute("spellcheck", "false");
    bar.appendChild(labelled("Filter", box));

    var menus = filters.map(function (filter) {
      var menu = element("select", "list-tools__select");
      menu.appendChild(new Option("any", ""));
      filter.values.forEach(function (value) { menu.appendChild(new Option(value, value)); });
      bar.appendChild(labelled(filter.name, menu));
      return menu;
    });

    var order = element("select", "list-tools__select");
    sortChoices.forEach(function (choice, index) { order.appendChild(new Option(choice.label, String(index))); });
    bar.appendChild(labelled("Sort", order));

    var count = element("p", "list-tools__count");
    count.setAttribute("role", "status");
    bar.appendChild(count);

    list.parentNode.insertBefore(bar, list);
    return { box: box, menus: menus, order: order, count: count };
  }

  function describe(shown, total, noun) {
    if (shown === total) return "Showing all " + total + " " + plural(total, noun) + ".";
    if (shown === 0) return "No " + noun + " match. Showing none of " + total + ".";
    return "Showing " + shown + " of " + total + " " + plural(total, noun) + ".";
  }

  /* An index table: one row per entry; the first cell names it, the others carry data-label. */
  function setUpTable(list, noun) {
    var table = list.querySelector("table");
    if (!table || !table.tHead || !table.tBodies.length) return;
    var body = table.tBodies[0];
    var headings = Array.prototype.slice.call(table.tHead.rows[0].cells);
    var rows = Array.prototype.map.call(body.rows, function (row, position) {
      return { row: row, position: position, text: null, keys: [] };
    });

    var sortChoices = [{ label: "as listed", column: -1, direction: 1 }];
    var filters = [];
    headings.forEach(function (heading, column) {
      var name = heading.textContent.trim();
      var type = heading.getAttribute("data-sort-type") || "text";
      var ends = type === "date" ? ["earliest first", "latest first"]
        : type === "number" ? ["most first", "fewest first"] : ["A to Z", "Z to A"];
      var directions = type === "number" ? [-1, 1] : [1, -1];
      ends.forEach(function (end, index) {
        sortChoices.push({ label: name + ", " + end, column: column, direction: directions[index], type: type });
      });
      if (heading.hasAttribute("data-filter")) {
        var seen = Object.create(null);
        rows.forEach(function (entry) {
          var cell = entry.row.cells[column];
          if (cell) seen[cell.textContent.trim()] = true;
        });
        filters.push({ name: name, column: column, values: Object.keys(seen).sort(collator.compare) });
      }
    });

    var controls = tools(list, noun, sortChoices, filters);

    function textOf(entry) {
      if (entry.text === null) entry.text = folded(entry.row.textContent);
      return entry.text;
    }

    function keyOf(entry, choice) {
      if (!(choice.column in entry.keys)) {
        var cell = entry.row.cells[choice.column];
        var key = null;
        if (cell) {
          if (choice.type === "date") key = cell.getAttribute("data-sort");
          else if (choice.type === "number") key = parseFloat(cell.textContent);
          else key = cell.textContent.trim();
          if (key === "" || (typeof key === "number" && isNaN(key))) key = null;
        }
        entry.keys[choice.column] = key;
      }
      return entry.keys[choice.column];
    }

    function filter() {
      var wanted = words(controls.box.value);
      var chosen = filters.map(function (item, index) { return [item.column, controls.menus[index].value]; })
        .filter(function (pair) { return pair[1] !== ""; });
      var shown = 0;
      rows.forEach(function (entry) {
        var visible = matchesAll(textOf(entry), wanted) && chosen.every(function (pair) {
          var cell = entry.row.cells[pair[0]];
          return cell && cell.textContent.trim() === pair[1];
        });
        if (entry.row.hidden === visible) entry.row.hidden = !visible;
        if (visible) shown += 1;
      });
      controls.count.textContent = describe(shown, rows.length, noun);
    }

    function sort() {
      var choice = sortChoices[Number(controls.order.value)];
      var ordered = rows.slice();
      if (choice.column >= 0) {
        ordered.sort(function (a, b) {
          return compareKeys(keyOf(a, choice), keyOf(b, choice), choice.direction) || a.position - b.position;
        });
      }
      var fragment = document.createDocumentFragment();
      ordered.forEach(function (entry) { fragment.appendChild(entry.row); });
      body.appendChild(fragment);
    }

    controls.box.addEventListener("input", rows.length > BIG ? later(filter, 200) : filter);
    controls.menus.forEach(function (menu) { menu.addEventListener("change", filter); });
    controls.order.addEventListener("change", sort);
    controls.count.textContent = describe(rows.length, rows.length, noun);
  }

  /* A grouped list (a browse page): a heading per group, then its list. */
  function setUpGroups(list, noun) {
    var groups = [];
    var current = null;
    Array.prototype.forEach.call(list.children, function (child) {
      if (/^H[2-6]$/.test(child.tagName)) {
        current = { parts: [child], lists: [] };
        groups.push(current);
      } else if (current) {
        current.parts.push(child);
        if (child.tagName === "UL" || child.tagName === "OL") current.lists.push(child);
      }
    });
    var entries = [];
    groups.forEach(function (group) {
      group.entries = [];
      group.lists.forEach(function (items) {
        Array.prototype.forEach.call(items.children, function (item, position) {
          var entry = { item: item, list: items, position: position, text: null, name: null };
          group.entries.push(entry);
          entries.push(entry);
        });
      });
    });
    if (!entries.length) return;

    var sortChoices = [{ label: "as listed", direction: 0 }, { label: "A to Z", direction: 1 },
                       { label: "Z to A", direction: -1 }];
    var controls = tools(list, noun, sortChoices, []);

    function filter() {
      var wanted = words(controls.box.value);
      var shown = 0;
      groups.forEach(function (group) {
        var inGroup = 0;
        group.entries.forEach(function (entry) {
          if (entry.text === null) entry.text = folded(entry.item.textContent);
          var visible = matchesAll(entry.text, wanted);
          if (entry.item.hidden === visible) entry.item.hidden = !visible;
          if (visible) inGroup += 1;
        });
        group.parts.forEach(function (part) { part.hidden = inGroup === 0; });
        shown += inGroup;
      });
      controls.count.textContent = describe(shown, entries.length, noun);
    }

    function sort() {
      var direction = sortChoices[Number(controls.order.value)].direction;
      groups.forEach(function (group) {
        group.lists.forEach(function (items) {
          var ordered = group.entries.filter(function (entry) { return entry.list === items; });
          ordered.sort(function (a, b) {
            if (!direction) return a.position - b.position;
            if (a.name === null) a.name = a.item.textContent.trim();
            if (b.name === null) b.name = b.item.textContent.trim();
            return collator.compare(a.name, b.name) * direction || a.position - b.position;
          });
          var fragment = document.createDocumentFragment();
          ordered.forEach(function (entry) { fragment.appendChild(entry.item); });
          items.appendChild(fragment);
        });
      });
    }

    controls.box.addEventListener("input", entries.length > BIG ? later(filter, 200) : filter);
    controls.order.addEventListener("change", sort);
    controls.count.textContent = describe(entries.length, entries.length, noun);
  }

  var WIDE = 4; // columns: a table this wide does not fit a phone's screen

  /* A wide table's cells say their column (the first cell, which names the row, needs no label). */
  function labelColumns(table) {
    if (table.hasAttribute("data-cards") || table.closest(".entity-list") || !table.tHead || !table.tHead.rows.length) return;
    var names = Array.prototype.map.call(table.tHead.rows[0].cells, function (cell) {
      return cell.textContent.trim();
    });
    if (names.length < WIDE) return;
    Array.prototype.forEach.call(table.tBodies, function (body) {
      Array.prototype.forEach.call(body.rows, function (row) {
        Array.prototype.forEach.call(row.cells, function (cell, column) {
          if (column > 0 && names[column]) cell.setAttribute("data-label", names[column]);
        });
      });
    });
    table.setAttribute("data-cards", "");
  }

  function setUp() {
    document.querySelectorAll("article table:not([class])").forEach(labelColumns);
    document.querySelectorAll("div.entity-list").forEach(function (list) {
      if (list.hasAttribute("data-list-ready")) return;
      list.setAttribute("data-list-ready", "");
      var noun = list.getAttribute("data-list-noun") || "entries";
      if (list.classList.contains("entity-list--table")) setUpTable(list, noun);
      else setUpGroups(list, noun);
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", setUp);
  else setUp();
})();
