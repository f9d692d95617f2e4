(function () {
  "use strict";
  // Idempotent: a page may hold many players and include this script once per snippet.
  function setup(box) {
    if (box.getAttribute("data-audiogen-ready")) return;
    box.setAttribute("data-audiogen-ready", "1");
    var audio = box.querySelector("audio");
    var el = box.querySelector("track");
    var spans = box.querySelectorAll("[data-cue]");
    if (!audio || !el || !spans.length) return;
    var byId = {};
    var current = [];
    Array.prototype.forEach.call(spans, function (s) {
      byId[s.getAttribute("data-cue")] = s;
      function seek() {
        audio.currentTime = parseFloat(s.getAttribute("data-start"));
        if (audio.paused) audio.play().catch(function () {});
      }
      // With the script a sentence is a control: reachable with Tab, pressed with Enter or Space.
      s.setAttribute("tabindex", "0");
      s.setAttribute("role", "button");
      s.addEventListener("click", seek);
      s.addEventListener("keydown", function (e) {
        if (e.key === "Enter" || e.key === " ") {
          e.preventDefault();
          seek();
        }
      });
    });
    function mark(ids) {
      current.forEach(function (s) {
        s.classList.remove("audiogen-current");
        s.removeAttribute("aria-current");
      });
      current = ids.map(function (id) { return byId[id]; }).filter(Boolean);
      current.forEach(function (s) {
        s.classList.add("audiogen-current");
        s.setAttribute("aria-current", "true");
      });
    }
    var track = el.track;
    // Cues only load, and cuechange only fires, when the track is not disabled.
    if (track.mode === "disabled") track.mode = "hidden";
    track.addEventListener("cuechange", function () {
      var ids = [];
      var cues = track.activeCues || [];
      for (var i = 0; i < cues.length; i++) ids.push(cues[i].id);
      mark(ids);
    });
  }
  function all() {
    Array.prototype.forEach.call(document.querySelectorAll("[data-audiogen]"), setup);
  }
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", all);
  else all();
})();
