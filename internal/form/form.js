// The questionnaire's behaviour. It reads the round from the JSON element
// and the questions from the form's markup (written by html/template), keeps
// every answer in localStorage as it is given, pages through the dimensions
// (the URL's #fragment, so the browser's Back button works), and writes the
// answers as an assessment file. It builds no HTML from strings: text goes in
// through textContent and values, elements through createElement.
(function () {
  "use strict";
  var cfg = JSON.parse(document.getElementById("cop-data").textContent);
  var form = document.getElementById("questionnaire");
  var steps = Array.prototype.slice.call(document.querySelectorAll("section.step"));
  var questions = Array.prototype.slice.call(form.querySelectorAll("fieldset.q"));
  var progressText = document.getElementById("progress");
  var answeredBar = document.getElementById("answered");
  var statusLine = document.getElementById("status");
  var yamlBox = document.getElementById("yaml");
  var nameInput = document.getElementById("respondent");
  var roleInput = document.getElementById("role");
  document.documentElement.className = "js";

  // Storage: one entry per framework, community and round date, so that
  // two rounds (or two communities) answered in one browser never mix.
  var storeKey = "cop-form:" + JSON.stringify([cfg.framework.id, cfg.community, cfg.date]);
  var store = null;
  try {
    store = window.localStorage;
    store.setItem(storeKey + ":probe", "1");
    store.removeItem(storeKey + ":probe");
  } catch (e) {
    store = null;
  }
  if (!store) {
    document.getElementById("storage-notice").hidden = false;
  }

  // unsaved says answers were given since the last file was saved or the
  // text copied: closing the page then asks first.
  var unsaved = false;
  var anonymousTag = "";
  var current = 0;

  function read() {
    var s = { respondent: "", role: "", ratings: {}, notes: {}, indicatorNotes: {}, step: current, unsaved: unsaved, tag: anonymousTag };
    if (nameInput) s.respondent = nameInput.value;
    s.role = roleInput.value;
    questions.forEach(function (q) {
      var d = q.getAttribute("data-dim"), i = q.getAttribute("data-ind");
      var picked = q.querySelector("input[type=radio]:checked");
      if (picked && picked.value !== "") {
        (s.ratings[d] = s.ratings[d] || {})[i] = picked.value;
      }
      var note = q.querySelector("textarea.note");
      if (note.value.trim() !== "") {
        (s.indicatorNotes[d] = s.indicatorNotes[d] || {})[i] = note.value;
      }
    });
    form.querySelectorAll("textarea.dimnote").forEach(function (t) {
      if (t.value.trim() !== "") s.notes[t.getAttribute("data-dim")] = t.value;
    });
    return s;
  }

  function restore(s) {
    if (nameInput && typeof s.respondent === "string") nameInput.value = s.respondent;
    if (typeof s.role === "string") roleInput.value = s.role;
    questions.forEach(function (q) {
      var d = q.getAttribute("data-dim"), i = q.getAttribute("data-ind");
      var v = (s.ratings && s.ratings[d] && s.ratings[d][i]) || "";
      q.querySelectorAll("input[type=radio]").forEach(function (r) { r.checked = r.value === v; });
      var n = s.indicatorNotes && s.indicatorNotes[d] && s.indicatorNotes[d][i];
      q.querySelector("textarea.note").value = typeof n === "string" ? n : "";
    });
    form.querySelectorAll("textarea.dimnote").forEach(function (t) {
      var n = s.notes && s.notes[t.getAttribute("data-dim")];
      t.value = typeof n === "string" ? n : "";
    });
    unsaved = !!s.unsaved;
    anonymousTag = typeof s.tag === "string" ? s.tag : "";
    if (typeof s.step === "number" && s.step >= 0 && s.step < steps.length) current = s.step;
  }

  function keep() {
    if (!store) return;
    try {
      store.setItem(storeKey, JSON.stringify(read()));
    } catch (e) {
      document.getElementById("storage-notice").hidden = false;
    }
  }

  function count(s) {
    var n = 0;
    Object.keys(s.ratings).forEach(function (d) { n += Object.keys(s.ratings[d]).length; });
    return n;
  }

  function showProgress() {
    var s = read();
    var n = count(s);
    answeredBar.value = n;
    answeredBar.textContent = String(n);
    progressText.textContent = "Page " + (current + 1) + " of " + steps.length + ": " +
      steps[current].getAttribute("data-title") + ". " + n + " of " + questions.length + " questions answered.";
  }

  // show turns to a page. focus moves to its heading, so that a keyboard
  // or screen reader user starts at the top of the new page.
  function show(index, focus) {
    current = Math.max(0, Math.min(steps.length - 1, index));
    steps.forEach(function (s, i) { s.hidden = i !== current; });
    if (steps[current].id === "save") fillSave();
    showProgress();
    keep();
    if (focus) steps[current].querySelector("h2").focus();
    window.scrollTo(0, 0);
  }

  // The address names the page as #/ID, which no element's id matches, so
  // that the browser does not scroll to the section (under the progress
  // bar) on its own: a page starts at its top.
  function hashOf(index) {
    return "#/" + steps[index].id;
  }

  function go(index) {
    index = Math.max(0, Math.min(steps.length - 1, index));
    if (location.hash === hashOf(index)) {
      show(index, true);
    } else {
      location.hash = hashOf(index); // hashchange shows it, and Back comes back here
    }
  }

  function stepOf(hash) {
    for (var i = 0; i < steps.length; i++) {
      if (hashOf(i) === hash) return i;
    }
    return -1;
  }

  window.addEventListener("hashchange", function () {
    var i = stepOf(location.hash);
    if (i < 0 && location.hash === "") i = 0; // back to the page as first opened
    if (i >= 0) show(i, true);
  });

  form.addEventListener("click", function (e) {
    var b = e.target.closest("button");
    if (!b) return;
    var where = b.getAttribute("data-go");
    if (where === "next") go(current + 1);
    if (where === "back") go(current - 1);
    var save = b.getAttribute("data-save");
    if (save) download(save === "draft");
  });
  form.addEventListener("submit", function (e) { e.preventDefault(); });
  form.addEventListener("input", changed);
  form.addEventListener("change", changed);
  function changed(e) {
    if (e.target === yamlBox) return;
    unsaved = true;
    keep();
    showProgress();
  }

  window.addEventListener("beforeunload", function (e) {
    if (unsaved && count(read()) + answeredText(read()) > 0) {
      e.preventDefault();
      e.returnValue = "";
    }
  });

  function answeredText(s) {
    return (s.respondent.trim() !== "" || s.role.trim() !== "" ||
      Object.keys(s.notes).length > 0 || Object.keys(s.indicatorNotes).length > 0) ? 1 : 0;
  }

  // q writes a string as a YAML double-quoted scalar, which reads back
  // exactly whatever it holds. JSON's escapes are all valid in YAML; on top
  // of them, characters that YAML does not allow raw (DEL, C1 controls,
  // U+FFFE, U+FFFF) or that YAML 1.1 readers take for line breaks (NEL,
  // U+2028, U+2029), and a BOM, are escaped too: cop reads them raw, other
  // tools a coordinator may use might not. A lone surrogate, which no file
  // can hold, becomes U+FFFD.
  function q(s) {
    var out = "\"";
    for (var i = 0; i < s.length; i++) {
      var c = s.charCodeAt(i);
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) {
        var lo = s.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          out += s.charAt(i) + s.charAt(i + 1);
          i++;
          continue;
        }
      }
      if (c >= 0xd800 && c <= 0xdfff) {
        out += "\\uFFFD";
      } else if (c === 0x22) {
        out += "\\\"";
      } else if (c === 0x5c) {
        out += "\\\\";
      } else if (c === 0x0a) {
        out += "\\n";
      } else if (c === 0x09) {
        out += "\\t";
      } else if (c < 0x20 || (c >= 0x7f && c <= 0x9f) || c === 0x2028 || c === 0x2029 || c === 0xfeff || c === 0xfffe || c === 0xffff) {
        out += "\\u" + ("000" + c.toString(16).toUpperCase()).slice(-4);
      } else {
        out += s.charAt(i);
      }
    }
    return out + "\"";
  }

  // k writes a framework id as a key: plain when it is an ordinary id,
  // quoted otherwise (an id such as "1.0" or "no" would read back as a
  // number or a boolean in some YAML readers).
  function k(id) {
    return /^[a-z][a-z0-9_-]*$/.test(id) && !/^(y|n|yes|no|on|off|true|false|null)$/.test(id) ? id : q(id);
  }

  function tag() {
    if (!anonymousTag) {
      var a = new Uint8Array(3);
      window.crypto.getRandomValues(a);
      anonymousTag = Array.prototype.map.call(a, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
    }
    return anonymousTag;
  }

  function yaml(s, draft) {
    var lines = [];
    lines.push("# Saved from the cop questionnaire page" + (draft ? ": a draft, not ready to merge" : "") + ".");
    lines.push("kind: cop-assessment");
    lines.push("version: 1");
    if (draft) lines.push("draft: true");
    lines.push("community: " + q(cfg.community));
    lines.push("date: " + cfg.date);
    lines.push("framework:");
    lines.push("  id: " + q(cfg.framework.id));
    lines.push("  version: " + q(cfg.framework.version));
    lines.push("responses:");
    var first = true;
    function item(line) {
      lines.push((first ? "  - " : "    ") + line);
      first = false;
    }
    if (!cfg.anonymous) item("respondent: " + q(s.respondent.trim()));
    if (s.role.trim() !== "") item("role: " + q(s.role.trim()));
    var groups = [["ratings", s.ratings], ["indicator-notes", s.indicatorNotes]];
    groups.forEach(function (g) {
      var dims = order(g[1]);
      if (dims.length === 0) return;
      item(g[0] + ":");
      dims.forEach(function (d) {
        lines.push("      " + k(d.dim) + ":");
        d.inds.forEach(function (i) {
          var v = g[1][d.dim][i];
          lines.push("        " + k(i) + ": " + (g[0] === "ratings" && /^(-?[0-9.]+|unknown|not-applicable)$/.test(v) ? v : q(v)));
        });
      });
    });
    var dimNotes = Object.keys(s.notes);
    if (dimNotes.length > 0) {
      item("notes:");
      order(s.notes, true).forEach(function (d) {
        lines.push("      " + k(d.dim) + ": " + q(s.notes[d.dim]));
      });
    }
    if (first) item("ratings: {}");
    return lines.join("\n") + "\n";
  }

  // order lists the dimensions (and their indicators) of a map in the
  // framework's order, which is the order of the page.
  function order(m, flat) {
    var out = [], seen = {};
    questions.forEach(function (qs) {
      var d = qs.getAttribute("data-dim"), i = qs.getAttribute("data-ind");
      if (!Object.prototype.hasOwnProperty.call(m, d)) return;
      if (!seen[d]) {
        seen[d] = { dim: d, inds: [] };
        out.push(seen[d]);
      }
      if (!flat && Object.prototype.hasOwnProperty.call(m[d], i)) seen[d].inds.push(i);
    });
    return out;
  }

  function slug(s) {
    var t = s.normalize("NFKD").replace(/[\u0300-\u036f]/g, "").toLowerCase()
      .replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
    return t.slice(0, 40).replace(/-+$/, "");
  }

  function fileName(s, draft) {
    var who = cfg.anonymous ? "anonymous-" + tag() : (slug(s.respondent) || "respondent");
    return [slug(cfg.community) || "community", cfg.date, who].join("-") + (draft ? ".draft.yaml" : ".yaml");
  }

  // say shows a message in the status line. On a phone the line does not
  // stick at the top with the progress (it would hide too much of the
  // page): when it is out of view, the page scrolls up to it.
  function say(text) {
    if (!statusLine) return;
    statusLine.textContent = text;
    var box = statusLine.getBoundingClientRect();
    var under = answeredBar.parentNode.getBoundingClientRect().bottom;
    if (text && (box.top < under - 1 || box.bottom > window.innerHeight)) window.scrollTo(0, 0);
  }

  function download(draft) {
    var s = read();
    if (!cfg.anonymous && s.respondent.trim() === "") {
      say("Please give your name on the first page before saving.");
      go(0);
      if (nameInput) nameInput.focus();
      return;
    }
    var text = yaml(s, draft);
    var name = fileName(s, draft);
    var url = URL.createObjectURL(new Blob([text], { type: "application/x-yaml" }));
    var a = document.createElement("a");
    a.href = url;
    a.download = name;
    a.hidden = true;
    document.body.appendChild(a);
    a.click();
    a.remove();
    setTimeout(function () { URL.revokeObjectURL(url); }, 60000);
    unsaved = false;
    keep();
    var where = cfg.contact ? " and send it to " + cfg.contact : "";
    say(draft ? "Draft saved as " + name + ". Your answers are still here; carry on when you like."
      : "Saved as " + name + " in your downloads. Find it there" + where + ".");
  }

  function fillSave() {
    var s = read();
    var n = count(s);
    var summary = document.getElementById("summary");
    summary.textContent = n + " of " + questions.length + " questions answered." +
      (n < questions.length ? " You can still answer the others (Back), or save as it is: a question left unanswered counts as not known." : "");
    var todo = document.getElementById("todo");
    while (todo.firstChild) todo.removeChild(todo.firstChild);
    // The first few unanswered questions, each a way back to it; a long
    // list would bury the save button.
    var listed = 0;
    questions.forEach(function (qs) {
      var picked = qs.querySelector("input[type=radio]:checked");
      if (picked && picked.value !== "") return;
      listed++;
      if (listed > 8) {
        if (listed === 9) {
          var more = document.createElement("li");
          more.textContent = "and " + (questions.length - n - 8) + " more";
          todo.appendChild(more);
        }
        return;
      }
      var li = document.createElement("li");
      var b = document.createElement("button");
      b.type = "button";
      b.textContent = qs.querySelector("legend .user").textContent;
      b.addEventListener("click", function () {
        go(steps.indexOf(qs.closest("section")));
        setTimeout(function () { qs.querySelector("input[type=radio]").focus(); }, 0);
      });
      li.appendChild(b);
      todo.appendChild(li);
    });
    if (!cfg.anonymous && s.respondent.trim() === "") {
      yamlBox.value = "Please give your name on the first page: the text appears here.";
    } else {
      yamlBox.value = yaml(s, false);
    }
  }

  document.getElementById("copy").addEventListener("click", function () {
    fillSave();
    var text = yamlBox.value;
    function copied() {
      unsaved = false;
      keep();
      say("Copied. Paste it into an email" + (cfg.contact ? " to " + cfg.contact : "") + ".");
    }
    function fallback() {
      yamlBox.focus();
      yamlBox.select();
      var ok = false;
      try { ok = document.execCommand("copy"); } catch (e) { ok = false; }
      if (ok) copied(); else say("Select the text below and copy it (Ctrl+C, or ⌘C on a Mac).");
    }
    if (navigator.clipboard && navigator.clipboard.writeText) {
      navigator.clipboard.writeText(text).then(copied, fallback);
    } else {
      fallback();
    }
  });

  document.getElementById("forget").addEventListener("click", function () {
    if (!window.confirm("Clear every answer on this page and in this browser? Files you saved are kept.")) return;
    if (store) store.removeItem(storeKey);
    restore({ step: 0 });
    unsaved = false;
    go(0);
  });

  var saved = null;
  if (store) {
    try { saved = JSON.parse(store.getItem(storeKey) || "null"); } catch (e) { saved = null; }
  }
  if (saved && typeof saved === "object") restore(saved);
  var fromHash = stepOf(location.hash);
  if (fromHash < 0 && current > 0 && window.history && history.replaceState) {
    // Reopened where the member left off: the address says so, and Back
    // from the next page returns here.
    history.replaceState(null, "", hashOf(current));
  }
  show(fromHash >= 0 ? fromHash : current, false);
  // The moment the page is ready to answer, for the browser test's timing.
  if (window.performance && performance.mark) performance.mark("cop-ready");
})();
