// The relationship graphs (drawn at build time by macros/graph.py, written by
// macros/templates/graph_parts.md.j2): the reader's view of them.
//
// Without this script each box is a link, and a drawing wider than the page scrolls inside
// its frame. With it:
// - pointing at a box, or moving the keyboard focus to it, lights its links and dims the rest;
// - selecting a box (click, tap, Enter or Space) keeps it lit; selecting it again opens its page;
//   Escape (or "Clear") goes back to the start;
// - "Only its links" shows the selected box with only the boxes linked to it, in a column under
//   it, each with what links them. A screen too narrow for the whole drawing at full size starts
//   there, with the drawing's start (an actor page's actor; the graph page's most discussed
//   actor), so its text stays as large as the page's: tapping a linked box moves to it.
// Names are only ever read from the drawing and written back as text (textContent).
(function () {
  "use strict";

  var SVG = "http://www.w3.org/2000/svg";
  var XLINK = "http://www.w3.org/1999/xlink";
  // The column of one box's links, in the drawing's units (one to the CSS pixel).
  var PAD = 10;          // margin, as in macros/graph.py
  var INDENT = 28;       // linked boxes start this far right of the selected one
  var TRUNK = 14;        // where the line down from the selected box runs
  var CAPTION_LINE = 15; // what links them, in lines above each linked box
  var ROW_GAP = 12;

  function href(element) {
    return element.getAttributeNS(XLINK, "href") || element.getAttribute("href") || "";
  }

  function setUp(figure) {
    var svg = figure.querySelector("svg.graph-svg");
    var frame = svg && svg.parentElement;
    if (!svg || !frame || figure.hasAttribute("data-graph-ready")) {
      return;
    }
    figure.setAttribute("data-graph-ready", "");
    var nodeGroup = svg.querySelector(".graph-nodes");
    var home = {
      viewBox: svg.getAttribute("viewBox"),
      width: svg.getAttribute("width"),
      height: svg.getAttribute("height"),
    };
    var homeWidth = Number(home.width);
    var start = svg.getAttribute("data-start") || "";

    var nodes = new Map();  // id -> {element, x, y, width, height, order, name}
    Array.prototype.forEach.call(svg.querySelectorAll(".graph-node"), function (element, order) {
      var rect = element.querySelector("rect");
      var title = element.querySelector("title");
      // The page's box links with xlink:href only (so Material can preview the page: see
      // macros/templates/graph_parts.md.j2). Once this script handles the boxes' clicks, the
      // link's address is also given as a plain href, SVG 2's name for it, which tools that
      // read links (Lighthouse's "links are crawlable", crawlers that run scripts) look for.
      // This changes only the page in the browser, never what a preview fetches.
      if (!element.hasAttribute("href")) {
        element.setAttribute("href", href(element));
      }
      var label = Array.prototype.map.call(element.querySelectorAll("tspan"), function (line) {
        return line.textContent;
      });
      nodes.set(element.getAttribute("data-id"), {
        element: element,
        order: order,
        x: Number(rect.getAttribute("x")),
        y: Number(rect.getAttribute("y")),
        width: Number(rect.getAttribute("width")),
        height: Number(rect.getAttribute("height")),
        kind: title ? title.textContent.replace(/:.*$/, "").toLowerCase() : "",
        label: label.reduce(function (text, line) {
          return !text ? line : /[-–—\/]$/.test(text) ? text + line : text + " " + line;
        }, ""),
      });
    });
    var links = new Map();  // id -> [{edge, other, caption}]: what links it, read from its side
    Array.prototype.forEach.call(svg.querySelectorAll(".graph-edge"), function (edge) {
      var from = edge.getAttribute("data-from");
      var to = edge.getAttribute("data-to");
      if (!nodes.has(from) || !nodes.has(to)) {
        return;
      }
      [[from, to, edge.getAttribute("data-label")], [to, from, edge.getAttribute("data-inverse")]].forEach(function (end) {
        if (!links.has(end[0])) {
          links.set(end[0], []);
        }
        links.get(end[0]).push({ edge: edge, other: end[1], caption: end[2] || "" });
      });
    });
    if (!nodes.size) {
      return;
    }

    var captions = document.createElementNS(SVG, "g");
    captions.setAttribute("class", "graph-captions");
    captions.setAttribute("aria-hidden", "true");
    svg.insertBefore(captions, nodeGroup);

    // The controls, above the drawing (the page has them, so that filling them moves nothing):
    // what is selected, its name a link to its page, and the buttons.
    var controls = part(figure, "div", "graph-controls");
    if (!controls.parentNode) {
      frame.parentNode.insertBefore(controls, frame);
    }
    var status = part(controls, "p", "graph-status");
    status.setAttribute("role", "status");
    var actions = part(controls, "p", "graph-actions");
    var viewButton = button("graph-view");
    var clearButton = button("graph-clear");
    clearButton.textContent = "Clear";
    actions.append(viewButton, clearButton);

    function part(parent, tag, name) {
      var found = parent.querySelector("." + name);
      if (!found) {
        found = document.createElement(tag);
        found.className = name;
        if (parent !== figure) {
          parent.appendChild(found);
        }
      }
      return found;
    }

    function button(name) {
      var element = document.createElement("button");
      element.type = "button";
      element.className = "graph-button " + name;
      return element;
    }

    var selected = null;  // the id kept lit
    var view = "whole";   // or "ego": the selected box and only its links
    var narrow = false;   // the whole drawing is wider than its frame
    var lit = [];         // what light() marked, to unmark
    var current = null;   // the selected box's element
    // What the ego view changed, to undo only that (a drawing may have thousands of edges):
    var shown = [];       // the boxes and edges it shows
    var placed = [];      // the boxes it moved
    var redrawn = new Map();  // edge -> its path in the whole drawing
    var reordered = false;    // the boxes are out of their drawing order

    function light(id) {
      lit.forEach(function (element) {
        element.classList.remove("is-lit", "is-focus");
      });
      lit = [];
      svg.classList.toggle("graph--lit", Boolean(id));
      if (!id) {
        return;
      }
      var node = nodes.get(id).element;
      node.classList.add("is-lit", "is-focus");
      lit.push(node);
      (links.get(id) || []).forEach(function (link) {
        var other = nodes.get(link.other).element;
        link.edge.classList.add("is-lit");
        other.classList.add("is-lit");
        lit.push(link.edge, other);
      });
    }

    function linkedRows(id) {
      var rows = new Map();  // other id -> [links], in the drawing's order of the other boxes
      (links.get(id) || []).forEach(function (link) {
        if (link.other !== id) {
          if (!rows.has(link.other)) {
            rows.set(link.other, []);
          }
          rows.get(link.other).push(link);
        }
      });
      return Array.from(rows.keys())
        .sort(function (a, b) { return nodes.get(a).order - nodes.get(b).order; })
        .map(function (other) { return { other: other, links: rows.get(other) }; });
    }

    var ruler = document.createElement("canvas").getContext("2d");

    function caption(text, x, y, width) {
      // The text in lines no wider than `width`, measured in the captions' font; returns their height.
      var element = document.createElementNS(SVG, "text");
      element.setAttribute("class", "graph-caption");
      captions.appendChild(element);
      if (captions.childNodes.length === 1) {
        var style = getComputedStyle(element);
        ruler.font = style.fontStyle + " " + style.fontWeight + " " + style.fontSize + " " + style.fontFamily;
      }
      var lines = [];
      text.split(/\s+/).forEach(function (word) {
        var last = lines.length - 1;
        if (last >= 0 && ruler.measureText(lines[last] + " " + word).width <= width) {
          lines[last] += " " + word;
        } else {
          lines.push(word);
        }
      });
      lines.forEach(function (words, index) {
        var line = document.createElementNS(SVG, "tspan");
        line.setAttribute("x", x);
        line.setAttribute("y", y + 11 + index * CAPTION_LINE);
        line.textContent = words;
        element.appendChild(line);
      });
      return lines.length * CAPTION_LINE;
    }

    function show(element) {
      element.classList.add("is-shown");
      shown.push(element);
    }

    function layOutAround(id) {
      layOutHome();
      var centre = nodes.get(id);
      var rows = linkedRows(id);
      var widest = rows.reduce(function (most, row) { return Math.max(most, nodes.get(row.other).width); }, 0);
      var width = Math.max(PAD + centre.width, PAD + INDENT + widest) + PAD;
      svg.classList.add("graph--ego");
      place(centre, PAD, PAD);
      show(centre.element);
      var trunkTop = PAD + centre.height;
      var trunkBottom = trunkTop;
      var y = trunkTop + ROW_GAP;
      rows.forEach(function (row) {
        var node = nodes.get(row.other);
        var text = row.links.map(function (link) { return link.caption; }).join("; ");
        y += caption(text, PAD + INDENT, y, width - 2 * PAD - INDENT) + 3;
        place(node, PAD + INDENT, y);
        show(node.element);
        var middle = y + node.height / 2;
        row.links.forEach(function (link) {
          if (!redrawn.has(link.edge)) {
            redrawn.set(link.edge, link.edge.getAttribute("d"));
          }
          link.edge.setAttribute("d", "M" + (PAD + TRUNK) + " " + middle + "H" + (PAD + INDENT));
          show(link.edge);
        });
        trunkBottom = middle;
        y += node.height + ROW_GAP;
      });
      if (rows.length) {
        var trunk = document.createElementNS(SVG, "path");
        trunk.setAttribute("class", "graph-trunk");
        trunk.setAttribute("d", "M" + (PAD + TRUNK) + " " + trunkTop + "V" + trunkBottom);
        captions.appendChild(trunk);
      }
      var height = y - ROW_GAP + PAD;
      svg.setAttribute("viewBox", "0 0 " + width + " " + height);
      svg.setAttribute("width", width);
      svg.setAttribute("height", height);
      // Keyboard order follows what is seen: the selected box, then its links from the top.
      keepingFocus(function () {
        nodeGroup.append.apply(nodeGroup, [centre.element].concat(rows.map(function (row) {
          return nodes.get(row.other).element;
        })));
      });
      reordered = true;
    }

    function place(node, x, y) {
      node.element.setAttribute("transform", "translate(" + (x - node.x) + " " + (y - node.y) + ")");
      placed.push(node.element);
    }

    function layOutHome() {
      if (!svg.classList.contains("graph--ego")) {
        return;  // the whole drawing already
      }
      captions.textContent = "";
      placed.forEach(function (element) { element.removeAttribute("transform"); });
      shown.forEach(function (element) { element.classList.remove("is-shown"); });
      redrawn.forEach(function (path, edge) { edge.setAttribute("d", path); });
      placed = [];
      shown = [];
      redrawn.clear();
      svg.setAttribute("viewBox", home.viewBox);
      svg.setAttribute("width", home.width);
      svg.setAttribute("height", home.height);
      svg.classList.remove("graph--ego");
      if (reordered) {
        keepingFocus(function () {
          nodeGroup.append.apply(nodeGroup, Array.from(nodes.values()).map(function (node) { return node.element; }));
        });
        reordered = false;
      }
    }

    function keepingFocus(move) {
      var focused = svg.contains(document.activeElement) ? document.activeElement : null;
      move();
      if (focused && document.activeElement !== focused && visible(focused)) {
        focused.focus({ preventScroll: true });
      }
    }

    function describe() {
      status.textContent = "";
      if (!selected) {
        status.textContent = "Point at a box or select it (click, tap, Enter) to light up its links; "
          + "select it again to open its page.";
      } else {
        var node = nodes.get(selected);
        var count = linkedRows(selected).length;
        var page = document.createElement("a");
        page.setAttribute("href", href(node.element));
        page.textContent = node.label;
        status.append(page, " (" + node.kind + "): " + count + (count === 1 ? " link" : " links")
          + " here. Select it again to open it.");
      }
      viewButton.hidden = !selected;
      viewButton.textContent = view === "ego" ? "The whole drawing" : "Only its links";
      clearButton.hidden = !selected || view === "ego";
    }

    function render() {
      if (view === "ego" && selected) {
        layOutAround(selected);
      } else {
        layOutHome();
      }
      light(selected);
      if (current) {
        current.removeAttribute("aria-current");
      }
      current = selected ? nodes.get(selected).element : null;
      if (current) {
        current.setAttribute("aria-current", "true");
      }
      describe();
    }

    function select(id) {
      selected = id;
      if (narrow) {
        view = "ego";
      }
      render();
      if (view === "ego") {
        var top = controls.getBoundingClientRect().top;
        var header = document.querySelector(".md-header");
        var below = header ? header.getBoundingClientRect().bottom : 0;
        if (top < below) {
          window.scrollBy(0, top - below - 8);
        }
      }
    }

    function reset() {
      narrow = frame.clientWidth < homeWidth;
      selected = narrow && nodes.has(start) ? start : null;
      view = selected ? "ego" : "whole";
      render();
      var focused = document.activeElement;
      if (svg.contains(focused) && !visible(focused) && selected) {
        nodes.get(selected).element.focus({ preventScroll: true });
      }
    }

    function visible(element) {
      return element.getClientRects().length > 0;
    }

    function nodeOf(target) {
      var node = target && target.closest ? target.closest(".graph-node") : null;
      return node && svg.contains(node) ? node : null;
    }

    svg.addEventListener("click", function (event) {
      var node = nodeOf(event.target);
      if (!node) {
        if (selected && view === "whole" && !narrow) {
          selected = null;
          render();
        }
        return;
      }
      if (event.button !== 0 || event.ctrlKey || event.metaKey || event.shiftKey || event.altKey) {
        return;  // a new tab or window: the link as it is
      }
      var id = node.getAttribute("data-id");
      if (id === selected) {
        return;  // selected already: follow the link
      }
      event.preventDefault();
      select(id);
    });

    figure.addEventListener("keydown", function (event) {
      if (event.key === "Escape") {
        reset();
        return;
      }
      var node = nodeOf(event.target);
      if (!node || event.ctrlKey || event.metaKey || event.altKey) {
        return;
      }
      var id = node.getAttribute("data-id");
      if (event.key === " " || (event.key === "Enter" && id !== selected)) {
        event.preventDefault();  // Space would scroll the page; Enter would open the page at once
        if (id !== selected) {
          select(id);
        }
      }
    });

    // Pointing and keyboard focus light a box for as long as they stay on it (in the whole drawing).
    function glance(id) {
      if (view === "whole") {
        light(id || selected);
      }
    }
    svg.addEventListener("pointerover", function (event) {
      if (event.pointerType === "mouse") {
        var node = nodeOf(event.target);
        glance(node && node.getAttribute("data-id"));
      }
    });
    svg.addEventListener("pointerleave", function (event) {
      if (event.pointerType === "mouse") {
        glance(null);
      }
    });
    svg.addEventListener("focusin", function (event) {
      var node = nodeOf(event.target);
      glance(node && node.getAttribute("data-id"));
    });
    svg.addEventListener("focusout", function (event) {
      if (!nodeOf(event.relatedTarget)) {
        glance(null);
      }
    });

    viewButton.addEventListener("click", function () {
      view = view === "ego" ? "whole" : "ego";
      render();
      if (view === "whole" && selected) {
        var node = nodes.get(selected);
        frame.scrollLeft = Math.max(0, node.x - PAD);
      }
    });
    clearButton.addEventListener("click", function () {
      selected = null;
      render();
    });

    var resized = null;
    window.addEventListener("resize", function () {
      clearTimeout(resized);
      resized = setTimeout(function () {
        if ((frame.clientWidth < homeWidth) !== narrow) {
          reset();
        }
      }, 150);
    });

    reset();
  }

  function setUpAll() {
    Array.prototype.forEach.call(document.querySelectorAll("figure.graph"), setUp);
  }

  // Material's instant navigation, when on, swaps pages without loading this script again.
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else {
    setUpAll();
  }
})();
