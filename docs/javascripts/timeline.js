// Timeline filter: progressive enhancement. Without scripts the form stays hidden (CSS) and every event shows.
(function () {
  "use strict";
  function setUp() {
    var form = document.querySelector(".timeline-filter");
    if (!form) return;
    var select = form.querySelector("select");
    var count = form.querySelector("output");
    var events = Array.prototype.slice.call(document.querySelectorAll(".timeline-event"));
    var years = Array.prototype.slice.call(document.querySelectorAll(".timeline-year"));
    function apply() {
      var wanted = select.value;
      var shown = 0;
      events.forEach(function (event) {
        var tags = (event.getAttribute("data-filter") || "").split(/\s+/);
        var visible = !wanted || tags.indexOf(wanted) !== -1;
        event.hidden = !visible;
        if (visible) shown += 1;
      });
      years.forEach(function (year) {
        year.hidden = !year.querySelector(".timeline-event:not([hidden])");
      });
      count.value = wanted ? "Showing " + shown + " of " + events.length + " events" : "";
    }
    form.addEventListener("submit", function (e) { e.preventDefault(); });
    select.addEventListener("change", apply);
    apply();
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", setUp);
  } else {
    setUp();
  }
})();
