(function () {
  "use strict";
  var audio = document.getElementById("audio");
  var turns = Array.prototype.slice.call(document.querySelectorAll(".turn[data-start]"));
  var plots = Array.prototype.slice.call(document.querySelectorAll(".tl-plot"));
  var current = null;

  function turnAt(t) {
    var best = null;
    for (var i = 0; i < turns.length; i++) {
      var s = parseFloat(turns[i].getAttribute("data-start"));
      if (s > t + 0.05) break;
      best = turns[i];
      if (t < parseFloat(turns[i].getAttribute("data-end"))) break;
    }
    return best;
  }

  function show(el) {
    if (!el) return;
    el.scrollIntoView({ behavior: "smooth", block: "center" });
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
  }

  function seek(t, uid) {
    if (!isFinite(t)) return;
    if (audio) {
      try { audio.currentTime = t; } catch (err) { /* not seekable yet */ }
      var p = audio.play();
      if (p && typeof p.catch === "function") p.catch(function () { /* blocked or no audio */ });
    }
    var el = uid != null && uid !== "" ? document.getElementById("u-" + uid) : turnAt(t);
    show(el);
  }

  document.addEventListener("click", function (e) {
    var b = e.target.closest("[data-t]");
    if (b) {
      e.preventDefault();
      seek(parseFloat(b.getAttribute("data-t")), b.getAttribute("data-u"));
      return;
    }
    var svg = e.target.closest(".tl-svg");
    if (svg) {
      var r = svg.getBoundingClientRect();
      var f = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
      seek(f * parseFloat(svg.getAttribute("data-duration")), null);
    }
  });

  if (audio) {
    audio.addEventListener("error", function () {
      // The relative link found nothing (the page moved): try where the recording was analysed.
      var where = document.querySelector(".audio-where[data-fallback]");
      var alt = where && where.getAttribute("data-fallback");
      if (alt && audio.getAttribute("src") !== alt) { audio.setAttribute("src", alt); audio.load(); return; }
      var note = document.querySelector(".audio-missing");
      if (note) { note.hidden = false; audio.hidden = true; }
    });
    audio.addEventListener("timeupdate", function () {
      var t = audio.currentTime;
      var el = turnAt(t);
      if (el !== current) {
        if (current) current.classList.remove("now");
        if (el) el.classList.add("now");
        current = el;
      }
      plots.forEach(function (plot) {
        var head = plot.querySelector(".playhead");
        var svg = plot.querySelector(".tl-svg");
        var d = parseFloat(svg.getAttribute("data-duration"));
        if (!head || !(d > 0)) return;
        head.style.display = "block";
        head.style.height = svg.getBoundingClientRect().height + "px";
        head.style.left = Math.min(100, (100 * t) / d) + "%";
      });
    });
  }

  // A link to a moment (callcoach search): #t=65.2 (or #t=65.2&u=12) seeks the recording there,
  // shows the turn and plays it where the browser allows autoplay; #u-12 shows turn 12.
  function seekWhenReady(t, uid) {
    if (audio && audio.readyState < 1) { // no metadata yet (or the fallback source loads later)
      audio.addEventListener("loadedmetadata", function once() {
        audio.removeEventListener("loadedmetadata", once);
        if (Math.abs(audio.currentTime - t) > 0.25) { try { audio.currentTime = t; } catch (err) { /* ignore */ } }
      });
    }
    seek(t, uid);
  }

  function fromHash() {
    var h = location.hash.replace(/^#/, "");
    var m = /^t=(\d+(?:\.\d+)?)(?:&u=(\d+))?$/.exec(h);
    if (m) { seekWhenReady(parseFloat(m[1]), m[2]); return; }
    var u = /^u-(\d+)$/.exec(h);
    if (u) show(document.getElementById("u-" + u[1]));
  }

  window.addEventListener("hashchange", fromHash);
  if (location.hash) fromHash();
})();
