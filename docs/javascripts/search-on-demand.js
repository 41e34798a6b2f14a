// Search on demand (before Material's bundle): the search worker and index wait until the reader opens
// search (click, tap, focus, or the "/", "s", "f" keys); see docs/handbook/performance.md.
(function () {
  "use strict";
  var RealWorker = window.Worker;
  var realOpen = XMLHttpRequest.prototype.open;
  var realSend = XMLHttpRequest.prototype.send;
  var opened = false;
  var waiting = [];

  function isSearchFile(url) {
    var path = String(url).split(/[?#]/)[0];
    return /\/workers\/search\.[^/]*\.js$/.test(path) || /\/search\/search_index\.json$/.test(path);
  }

  function openSearch() {
    if (opened) return;
    opened = true;
    waiting.splice(0).forEach(function (start) { start(); });
  }

  function whenOpen(start) {
    if (opened) start();
    else waiting.push(start);
  }

  function LazyWorker(url, options) {
    var self = this;
    self.real = null;
    self.calls = [];
    whenOpen(function () {
      self.real = new RealWorker(url, options);
      self.calls.splice(0).forEach(function (call) { self.real[call[0]].apply(self.real, call[1]); });
    });
  }
  ["postMessage", "addEventListener", "removeEventListener", "terminate"].forEach(function (name) {
    LazyWorker.prototype[name] = function () {
      if (this.real) return this.real[name].apply(this.real, arguments);
      this.calls.push([name, arguments]);
    };
  });

  if (RealWorker) {
    window.Worker = function (url, options) {
      return isSearchFile(url) ? new LazyWorker(url, options) : new RealWorker(url, options);
    };
    window.Worker.prototype = RealWorker.prototype;
  }

  XMLHttpRequest.prototype.open = function (method, url) {
    this.searchOnDemand = isSearchFile(url);
    return realOpen.apply(this, arguments);
  };
  XMLHttpRequest.prototype.send = function () {
    var request = this;
    var args = arguments;
    if (!request.searchOnDemand) return realSend.apply(request, args);
    whenOpen(function () { realSend.apply(request, args); });
  };

  function isSearchControl(target) {
    return target instanceof Element && !!target.closest(".md-search, [for='__search'], #__search");
  }
  function isTyping(target) {
    return target instanceof Element && !!target.closest("input, textarea, select, [contenteditable]");
  }
  document.addEventListener("pointerdown", function (event) {
    if (isSearchControl(event.target)) openSearch();
  }, true);
  document.addEventListener("click", function (event) {
    if (isSearchControl(event.target)) openSearch();
  }, true);
  document.addEventListener("focusin", function (event) {
    if (isSearchControl(event.target)) openSearch();
  }, true);
  document.addEventListener("change", function (event) {
    if (event.target instanceof Element && event.target.id === "__search") openSearch();
  }, true);
  document.addEventListener("keydown", function (event) {
    var key = event.key;
    if ((key === "/" || key === "s" || key === "f") && !event.ctrlKey && !event.metaKey && !event.altKey
        && !isTyping(event.target)) openSearch();
  }, true);
  // Material's deep link (?q=) opens search.
  if (/[?&]q=/.test(location.search)) openSearch();
})();
