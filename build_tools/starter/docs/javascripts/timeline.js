// Timeline filter chips: progressive enhancement. Without scripts the chips stay hidden (CSS keys them
// on the `js` class that javascripts/early.js puts on <html>) and every event shows.
// The chosen dispute lives in the address as ?show=fight-ID, so a filtered view can be shared.
// No inline styles (the Content-Security-Policy refuses them): only `hidden` and classes change.
(function () {
  "use strict";

  var PARAM = "show";

  function toArray(list) {
    return Array.prototype.slice.call(list);
  }

  function tagsOf(element) {
    return (element.getAttribute("data-filter") || "").split(/\s+/).filter(Boolean);
  }

  function readWanted(values) {
    var wanted = "";
    try {
      wanted = new URLSearchParams(window.location.search).get(PARAM) || "";
    } catch (err) {
      wanted = "";
    }
    return values.indexOf(wanted) === -1 ? "" : wanted; // unknown values show everything
  }

  function writeWanted(wanted) {
    if (!window.history || !window.history.replaceState) return;
    var url = new URL(window.location.href);
    if (wanted) {
      url.searchParams.set(PARAM, wanted);
    } else {
      url.searchParams.delete(PARAM);
    }
    // The hash stays as it was (URL keeps it); the state object is kept for Material's own use.
    window.history.replaceState(window.history.state, "", url.pathname + url.search + url.hash);
  }

  function setUp() {
    var group = document.querySelector(".chips");
    if (!group || group.getAttribute("data-ready") === "1") return;
    group.setAttribute("data-ready", "1");
    document.documentElement.classList.add("js"); // in case early.js did not run

    var chips = toArray(group.querySelectorAll("button.chip[data-filter]"));
    var count = group.querySelector(".chips-count");
    var events = toArray(document.querySelectorAll(".axis .axis-event"));
    var axisItems = toArray(document.querySelectorAll(".axis:not(.axis-undated) > .axis-item"));
    var undatedLists = toArray(document.querySelectorAll(".axis-undated"));
    var values = chips.map(function (chip) { return chip.getAttribute("data-filter") || ""; });

    function apply(wanted) {
      var shown = 0;
      events.forEach(function (event) {
        var visible = !wanted || tagsOf(event).indexOf(wanted) !== -1;
        event.hidden = !visible;
        if (visible) shown += 1;
      });
      // A year mark stays while an event of its year (up to the next year mark) is visible.
      axisItems.forEach(function (item, index) {
        if (!item.classList.contains("axis-year")) return;
        var keep = !wanted;
        for (var i = index + 1; !keep && i < axisItems.length; i += 1) {
          var next = axisItems[i];
          if (next.classList.contains("axis-year")) break;
          if (!next.classList.contains("axis-event") || !next.hidden) keep = true;
        }
        item.hidden = !keep;
      });
      // An undated list with nothing left in it hides with its heading and note.
      undatedLists.forEach(function (list) {
        var empty = !list.querySelector(".axis-event:not([hidden])");
        list.hidden = empty;
        var before = list.previousElementSibling;
        while (before && (before.classList.contains("table-help") || /^H[2-6]$/.test(before.tagName))) {
          before.hidden = empty;
          if (/^H[2-6]$/.test(before.tagName)) break;
          before = before.previousElementSibling;
        }
      });
      // The axis starts and ends at the first and last items still showing.
      var showing = axisItems.filter(function (item) { return !item.hidden; });
      axisItems.forEach(function (item) {
        item.classList.toggle("is-first", item === showing[0]);
        item.classList.toggle("is-last", item === showing[showing.length - 1]);
      });
      chips.forEach(function (chip) {
        var on = (chip.getAttribute("data-filter") || "") === wanted;
        chip.setAttribute("aria-pressed", on ? "true" : "false");
      });
      document.documentElement.classList.toggle("timeline-filtered", !!wanted);
      if (count) {
        count.textContent = "Showing " + shown + " of " + events.length + " events";
      }
    }

    chips.forEach(function (chip) {
      chip.addEventListener("click", function () {
        var wanted = chip.getAttribute("data-filter") || "";
        apply(wanted);
        writeWanted(wanted);
      });
    });
    apply(readWanted(values));
  }

  // Material's instant navigation (off in mkdocs.yml) would swap pages without DOMContentLoaded;
  // its document$ observable announces each page, so subscribe when it is there.
  function start() {
    if (window.document$ && typeof window.document$.subscribe === "function") {
      window.document$.subscribe(setUp);
    }
    setUp();
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
