// The quote picker, for editors only: the MkDocs hook loads it on source pages under `mkdocs serve`
// or when QUOTE_PICKER=1, never in the published site. Selecting words of the source text shows a
// ready-to-paste `cite:` entry whose quote is exactly those words of the source (whitespace made
// single), read from the sentence elements alone: the "N pages" buttons and their popups never leak in.
(function () {
  "use strict";
  var sentences = Array.prototype.slice.call(document.querySelectorAll("span.sentence[id]"));
  if (!sentences.length) return;
  var headings = Array.prototype.slice.call(document.querySelectorAll(".source-heading"));
  var BASIS = "basis: reported  # or anonymous, on-record (+ speaker), inferred (+ note)";

  var panel = document.createElement("aside");
  panel.className = "quote-picker";
  panel.setAttribute("aria-label", "Quote picker");
  panel.hidden = true;
  var head = document.createElement("p");
  head.className = "quote-picker-head";
  head.textContent = "Paste under cite: in a fact file";
  var yaml = document.createElement("textarea");
  yaml.className = "quote-picker-yaml";
  yaml.readOnly = true;
  yaml.rows = 5;
  yaml.spellcheck = false;
  yaml.setAttribute("aria-label", "Citation in YAML");
  var copy = document.createElement("button");
  copy.type = "button";
  copy.className = "quote-picker-copy md-button";
  copy.textContent = "Copy";
  var close = document.createElement("button");
  close.type = "button";
  close.className = "quote-picker-close md-button";
  close.textContent = "Close";
  var status = document.createElement("span");
  status.className = "quote-picker-status";
  status.setAttribute("role", "status");
  panel.append(head, yaml, copy, close, status);
  document.body.appendChild(panel);

  // The part of a sentence element inside the selection, as text.
  function partOf(span, range) {
    var part = document.createRange();
    part.selectNodeContents(span);
    if (range.compareBoundaryPoints(Range.START_TO_START, part) > 0) part.setStart(range.startContainer, range.startOffset);
    if (range.compareBoundaryPoints(Range.END_TO_END, part) < 0) part.setEnd(range.endContainer, range.endOffset);
    return part.toString();
  }

  // The selection as {source, quote, ids}, or a {problem}, or null when it touches no source text.
  function picked() {
    var selection = window.getSelection();
    if (!selection || selection.rangeCount === 0 || selection.isCollapsed) return null;
    var range = selection.getRangeAt(0);
    if (panel.contains(range.commonAncestorContainer)) return null;
    var parts = [];
    var ids = [];
    var source = "";
    sentences.forEach(function (span) {
      if (!range.intersectsNode(span)) return;
      var text = partOf(span, range);
      if (!text.trim()) return;
      parts.push(text);
      ids.push(span.id);
      var holder = span.closest("[data-source]");
      source = holder ? holder.getAttribute("data-source") : source;
    });
    if (!parts.length) return null;
    var across = headings.some(function (heading) { return range.intersectsNode(heading); });
    if (across && ids.length) {
      return { problem: "The selection runs over a heading; select words within the text between headings." };
    }
    var quote = parts.join(" ").replace(/\s+/g, " ").trim();
    return { source: source, quote: quote, ids: ids };
  }

  function entry(found) {
    var where = found.ids.length === 1 ? "# sentence " + found.ids[0] : "# sentences " + found.ids[0] + " to " + found.ids[found.ids.length - 1];
    // A JSON string is a YAML double-quoted scalar: the quote's own quotation marks stay exact.
    return ["- source: " + found.source, "  quote: " + JSON.stringify(found.quote) + "  " + where, "  " + BASIS].join("\n") + "\n";
  }

  var timer = 0;
  document.addEventListener("selectionchange", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(function () {
      if (panel.contains(document.activeElement)) return; // copying selects the box's text
      var found = picked();
      if (!found) return; // keep the last entry while the editor clicks Copy or selects in the panel
      var value = found.problem ? "" : entry(found);
      var message = found.problem || "";
      if (!panel.hidden && value === yaml.value && (message === "" || message === status.textContent)) return; // nothing new
      panel.hidden = false;
      yaml.value = value;
      status.textContent = message;
      panel.setAttribute("data-ids", found.problem ? "" : found.ids.join(" "));
    }, 120);
  });

  function copied(ok) {
    status.textContent = ok ? "Copied." : "Copy failed: select the text in the box and copy it by hand.";
  }

  function fallback() {
    yaml.focus();
    yaml.select();
    var ok = false;
    try { ok = document.execCommand("copy"); } catch (err) { ok = false; }
    copied(ok);
  }

  copy.addEventListener("click", function () {
    if (!(navigator.clipboard && window.isSecureContext)) {
      fallback();
      return;
    }
    // A clipboard the browser neither grants nor refuses (an unfocused window) falls back after a second.
    var settled = false;
    var waiting = window.setTimeout(function () { if (!settled) { settled = true; fallback(); } }, 1000);
    navigator.clipboard.writeText(yaml.value).then(
      function () { if (!settled) { settled = true; window.clearTimeout(waiting); copied(true); } },
      function () { if (!settled) { settled = true; window.clearTimeout(waiting); fallback(); } }
    );
  });
  close.addEventListener("click", function () { panel.hidden = true; });
})();
