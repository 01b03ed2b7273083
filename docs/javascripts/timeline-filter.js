// The timeline's filter (macros/templates/timeline.md.j2): show only the events of one actor, one
// source or one date precision, in place, and say how many are shown.
//
// Without JavaScript the form stays `hidden` and every event is listed. The script reads the ids
// each event carries in its data- attributes and only compares them with the choices' values; it
// writes nothing from the page but counts (textContent), and hides what does not match. The
// choices are also read from and written to the address (?actor=…&source=…&precision=…), so a
// filtered timeline can be linked to.
(function () {
  "use strict";

  function tokens(value) {
    return (value || "").split(/\s+/).filter(Boolean);
  }

  // The event lists that follow the form, up to the end of its timeline.
  function listsAfter(form) {
    var lists = [];
    for (var element = form.nextElementSibling; element; element = element.nextElementSibling) {
      if (element.classList.contains("timeline-end") || element.classList.contains("timeline-filters")) {
        break;
      }
      if (element.matches("ol.timeline")) {
        lists.push(element);
      }
    }
    return lists;
  }

  function plural(count) {
    return count === 1 ? "1 event" : count + " events";
  }

  function setUp(form) {
    if (form.dataset.ready) {
      return;
    }
    form.dataset.ready = "true";
    var lists = listsAfter(form);
    var selects = Array.prototype.slice.call(form.querySelectorAll("select[data-event-attribute]"));
    var status = form.querySelector(".timeline-filter-status");
    // Each event, with the ids (or the precision) it has for each choice, read once.
    var events = [];
    lists.forEach(function (list) {
      list.querySelectorAll(":scope > li.timeline-event").forEach(function (element) {
        var has = {};
        selects.forEach(function (select) {
          has[select.name] = tokens(element.getAttribute("data-" + select.dataset.eventAttribute));
        });
        events.push({ element: element, has: has });
      });
    });
    var labels = new Map(); // option → its label as the page gives it, before any count is added
    selects.forEach(function (select) {
      Array.prototype.forEach.call(select.options, function (option) {
        labels.set(option, option.textContent);
      });
    });

    // Does the event match every choice but `skipped`'s? (An empty choice matches any event.)
    function matchesAllBut(event, skipped) {
      return selects.every(function (select) {
        return select === skipped || !select.value || event.has[select.name].indexOf(select.value) >= 0;
      });
    }

    function apply() {
      var shown = 0;
      events.forEach(function (event) {
        var match = matchesAllBut(event, null);
        event.element.hidden = !match;
        shown += match ? 1 : 0;
      });
      lists.forEach(function (list) {
        var empty = !list.querySelector(":scope > li.timeline-event:not([hidden])");
        list.hidden = empty;
        var heading = list.previousElementSibling;
        if (heading && /^H[1-6]$/.test(heading.tagName)) {
          heading.hidden = empty;
          // Its entry in the table of contents, which would lead nowhere.
          if (heading.id) {
            document.querySelectorAll('.md-nav--secondary a[href="#' + CSS.escape(heading.id) + '"]')
              .forEach(function (entry) { entry.parentElement.hidden = empty; });
          }
        }
      });
      // Each choice says how many events it would show, given the other choices.
      selects.forEach(function (select) {
        var counts = new Map();
        events.forEach(function (event) {
          if (matchesAllBut(event, select)) {
            event.has[select.name].forEach(function (value) { counts.set(value, (counts.get(value) || 0) + 1); });
          }
        });
        Array.prototype.forEach.call(select.options, function (option) {
          if (option.value) {
            var count = counts.get(option.value) || 0;
            option.textContent = labels.get(option) + " (" + count + ")";
            option.disabled = count === 0 && !option.selected; // a choice that would show nothing
          }
        });
      });
      var filtered = selects.some(function (select) { return select.value; });
      status.textContent = !filtered ? (events.length === 1 ? "The one event is shown." : "All " + plural(events.length) + " are shown.")
        : shown === 0 ? "No event matches these choices (0 of " + events.length + "): choose “Show all”."
        : shown + " of " + plural(events.length) + " shown.";
      form.classList.toggle("timeline-filters--active", filtered);
    }

    function remember() {
      if (!window.history || !window.history.replaceState) {
        return;
      }
      var address = new URL(window.location.href);
      selects.forEach(function (select) {
        if (select.value) {
          address.searchParams.set(select.name, select.value);
        } else {
          address.searchParams.delete(select.name);
        }
      });
      window.history.replaceState(window.history.state, "", address.href);
    }

    // Choices named in the address, when the list offers them.
    var asked = new URL(window.location.href).searchParams;
    selects.forEach(function (select) {
      var value = asked.get(select.name);
      select.value = "";
      if (value && Array.prototype.some.call(select.options, function (option) { return option.value === value; })) {
        select.value = value;
      }
    });

    selects.forEach(function (select) {
      select.addEventListener("change", function () {
        apply();
        remember();
      });
    });
    form.querySelector(".timeline-show-all").addEventListener("click", function () {
      selects.forEach(function (select) { select.value = ""; });
      apply();
      remember();
    });
    form.addEventListener("submit", function (submitted) {
      submitted.preventDefault();
    });
    apply();
    form.hidden = false;
  }

  function setUpAll() {
    document.querySelectorAll("form.timeline-filters").forEach(setUp);
  }

  // Material's instant navigation, when turned on, swaps pages without loading them: document$
  // then tells each new page. Without it, the page is ready now (extra_javascript ends <body>).
  if (window.document$ && typeof window.document$.subscribe === "function") {
    window.document$.subscribe(setUpAll);
  } else {
    setUpAll();
  }
})();
