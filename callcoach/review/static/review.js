// callcoach review: audio and transcript in sync, moments, comment anchors, the turn editor and
// keyboard shortcuts. Loaded as a file (the page's CSP forbids inline script); reads data-*
// attributes only. No network requests beyond the page's own audio.
(function () {
  "use strict";

  var audio = document.getElementById("audio");
  var turns = Array.prototype.slice.call(document.querySelectorAll(".turn[data-start]"));
  var current = null;

  function num(el, name) {
    return parseFloat(el.getAttribute(name));
  }

  // The turn playing at time t: the last turn starting at or before t (binary search).
  function turnAt(t) {
    var lo = 0, hi = turns.length - 1, best = -1;
    while (lo <= hi) {
      var mid = (lo + hi) >> 1;
      if (num(turns[mid], "data-start") <= t + 0.01) { best = mid; lo = mid + 1; } else { hi = mid - 1; }
    }
    if (best < 0) return null;
    return t < num(turns[best], "data-end") + 0.25 ? turns[best] : null;
  }

  function markPlaying(el) {
    if (el === current) return;
    if (current) { current.classList.remove("now"); current.removeAttribute("aria-current"); }
    if (el) { el.classList.add("now"); el.setAttribute("aria-current", "true"); }
    current = el;
  }

  function flash(el) {
    if (!el) return;
    el.scrollIntoView({ block: "nearest" });
    el.classList.remove("flash");
    void el.offsetWidth; // restart the animation
    el.classList.add("flash");
  }

  function seek(t, uid) {
    if (!isFinite(t)) return;
    var el = uid ? document.getElementById("u-" + uid) : turnAt(t);
    if (audio) {
      try { audio.currentTime = t; } catch (err) { /* not seekable yet */ }
      var p = audio.play();
      if (p && typeof p.catch === "function") p.catch(function () { /* autoplay blocked or no audio */ });
    }
    markPlaying(el);
    flash(el);
  }

  function playPause() {
    if (!audio) return;
    if (audio.paused) {
      var p = audio.play();
      if (p && typeof p.catch === "function") p.catch(function () {});
    } else {
      audio.pause();
    }
  }

  // -- moments: j/p previous, l/n next --------------------------------------------------------
  function momentTimes() {
    var seen = {};
    return Array.prototype.slice.call(document.querySelectorAll(".moment[data-t]"))
      .filter(function (b) { var k = b.getAttribute("data-t"); if (seen[k]) return false; seen[k] = true; return true; })
      .sort(function (a, b) { return num(a, "data-t") - num(b, "data-t"); });
  }

  function jump(dir) {
    var now = audio ? audio.currentTime : 0;
    var list = momentTimes();
    var target = null;
    if (dir > 0) {
      target = list.find(function (b) { return num(b, "data-t") > now + 0.25; }) || null;
    } else {
      for (var i = list.length - 1; i >= 0; i--) {
        if (num(list[i], "data-t") < now - 1.0) { target = list[i]; break; }
      }
    }
    if (!target) return;
    seek(num(target, "data-t"), target.getAttribute("data-u"));
    flash(target.closest("li") || target);
  }

  // -- comments anchored to a moment -----------------------------------------------------------
  var commentForm = document.getElementById("comment-form");

  function anchorComment(turn, t) {
    if (!commentForm) return;
    var label = document.getElementById("anchor-label");
    var clear = document.getElementById("anchor-clear");
    commentForm.elements.start.value = t == null ? "" : t.toFixed(3);
    commentForm.elements.utterance_id.value = turn ? turn.getAttribute("data-u") : "";
    if (label) {
      label.textContent = turn || t != null
        ? "turn #" + (turn ? turn.getAttribute("data-u") : "?") + (t != null ? " at " + clock(t) : "")
        : "the whole call";
    }
    if (clear) clear.hidden = !(turn || t != null);
    commentForm.scrollIntoView({ block: "nearest" });
    commentForm.elements.text.focus();
  }

  function clock(t) {
    var s = Math.max(0, Math.floor(t));
    var m = Math.floor(s / 60);
    var h = Math.floor(m / 60);
    var ss = String(s % 60).padStart(2, "0");
    return h ? h + ":" + String(m % 60).padStart(2, "0") + ":" + ss : m + ":" + ss;
  }

  function commentHere() {
    var t = audio ? audio.currentTime : null;
    var turn = (t != null && turnAt(t)) || current;
    if (turn && (t == null || t === 0)) t = num(turn, "data-start");
    anchorComment(turn, turn || t ? t : null);
  }

  // -- the turn editor ---------------------------------------------------------------------------
  var editor = document.getElementById("turn-editor");

  function editTurn(turn) {
    if (!editor) return;
    var uid = turn.getAttribute("data-u");
    editor.querySelectorAll("input[name=utterance_id]").forEach(function (i) { i.value = uid; });
    var last = editor.querySelector("input[name=last]");
    if (last) last.value = uid;
    editor.querySelector(".te-id").textContent = "#" + uid + " (" + turn.getAttribute("data-speaker") + ")";
    var speaker = editor.querySelector("select[name=speaker]");
    if (speaker) { // default: the other party
      var opts = Array.prototype.slice.call(speaker.options);
      var other = opts.find(function (o) { return o.value !== turn.getAttribute("data-speaker"); });
      if (other) speaker.value = other.value;
    }
    var tags = (turn.getAttribute("data-tags") || "").split(" ").filter(Boolean);
    var select = editor.querySelector(".te-tag-select");
    select.replaceChildren.apply(select, tags.map(function (lab) {
      var o = document.createElement("option");
      o.value = lab; o.textContent = lab;
      return o;
    }));
    editor.querySelector(".te-tags").hidden = tags.length === 0;
    turn.after(editor);
    editor.hidden = false;
  }

  // -- the rep view: dispute a tag on a turn (fills the form in #disputes) ---------------------
  function disputeTag(turn) {
    var box = document.getElementById("dispute-tag");
    var form = document.getElementById("dispute-tag-form");
    if (!box || !form || !turn) return;
    form.elements.utterance_id.value = turn.getAttribute("data-u");
    var tags = (turn.getAttribute("data-tags") || "").split(" ").filter(Boolean);
    var select = form.querySelector(".dt-label");
    var none = document.createElement("option");
    none.value = ""; none.textContent = "(none: a tag was missed)";
    select.replaceChildren.apply(select, [none].concat(tags.map(function (lab) {
      var o = document.createElement("option");
      o.value = lab; o.textContent = lab;
      return o;
    })));
    if (tags.length) select.value = tags[0];
    box.open = true;
    box.scrollIntoView({ block: "nearest" });
    form.elements.reason.focus();
  }

  // -- clicks ------------------------------------------------------------------------------------
  document.addEventListener("click", function (e) {
    var act = e.target.closest("[data-act]");
    if (act) {
      var turn = act.closest(".turn");
      if (act.getAttribute("data-act") === "comment") {
        anchorComment(turn, turn && turn.hasAttribute("data-start") ? num(turn, "data-start") : null);
      } else if (act.getAttribute("data-act") === "dispute") {
        disputeTag(turn);
      } else if (turn) {
        editTurn(turn);
      }
      return;
    }
    if (e.target.closest(".te-close")) { editor.hidden = true; return; }
    if (e.target.closest("#anchor-clear")) { anchorComment(null, null); return; }
    var b = e.target.closest("[data-t]");
    if (b && b.tagName === "BUTTON") {
      e.preventDefault();
      seek(num(b, "data-t"), b.getAttribute("data-u"));
      return;
    }
    var row = e.target.closest(".turn[data-start]");
    if (row && !e.target.closest("button, a, form, input, select, textarea, summary") &&
        window.getSelection().isCollapsed) {
      seek(num(row, "data-start"), row.getAttribute("data-u"));
      return;
    }
    var svg = e.target.closest(".tl-svg");
    if (svg) {
      var r = svg.getBoundingClientRect();
      var f = Math.min(1, Math.max(0, (e.clientX - r.left) / r.width));
      seek(f * num(svg, "data-duration"), null);
    }
  });

  // -- keyboard ----------------------------------------------------------------------------------
  function typing(el) {
    if (!el || el === document.body) return false;
    if (el.isContentEditable) return true;
    return /^(INPUT|TEXTAREA|SELECT)$/.test(el.tagName);
  }

  document.addEventListener("keydown", function (e) {
    if (e.ctrlKey || e.metaKey || e.altKey || e.isComposing || typing(e.target)) return;
    var key = e.key;
    if (key === " " && e.target.closest && e.target.closest("button, a, summary")) return; // activate it
    var handled = true;
    if (key === " " || key === "k") playPause();
    else if (key === "l" || key === "n") jump(1);
    else if (key === "j" || key === "p") jump(-1);
    else if (key === "c") commentHere();
    else if (key === "r") {
      var form = document.getElementById("reviewed-form");
      if (form) form.requestSubmit();
    } else handled = false;
    if (handled) e.preventDefault();
  });

  // -- audio -------------------------------------------------------------------------------------
  if (audio) {
    var plot = document.querySelector(".tl-plot");
    audio.addEventListener("timeupdate", function () {
      var t = audio.currentTime;
      markPlaying(turnAt(t));
      if (!plot) return;
      var head = plot.querySelector(".playhead");
      var svg = plot.querySelector(".tl-svg");
      var d = num(svg, "data-duration");
      if (!head || !(d > 0)) return;
      head.style.display = "block";
      head.style.height = svg.getBoundingClientRect().height + "px";
      head.style.left = Math.min(100, (100 * t) / d) + "%";
    });
    audio.addEventListener("seeked", function () { markPlaying(turnAt(audio.currentTime)); });
  }

  // A moment's link (the queue's search, callcoach search --review-url): #t=65.2&u=12 seeks the
  // recording there and shows the turn; the seek waits for the recording's metadata.
  function seekHash() {
    var m = /^#t=(\d+(?:\.\d+)?)(?:&u=(\d+))?$/.exec(location.hash);
    if (!m) return false;
    var t = parseFloat(m[1]);
    if (audio && audio.readyState < 1) {
      audio.addEventListener("loadedmetadata", function once() {
        audio.removeEventListener("loadedmetadata", once);
        if (Math.abs(audio.currentTime - t) > 0.25) { try { audio.currentTime = t; } catch (err) { /* ignore */ } }
      });
    }
    seek(t, m[2]);
    return true;
  }
  window.addEventListener("hashchange", seekHash);

  // Show where a POST redirected to (e.g. #d-talk_ratio) without an inline script.
  if (location.hash && !seekHash()) flash(document.getElementById(location.hash.slice(1)));
})();
