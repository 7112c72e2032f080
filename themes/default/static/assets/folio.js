/* folio: theme toggle, publication filters, copy BibTeX, dismissible metric notes,
   site-wide search (its index fetched from this site when opened).
   No dependencies, no other host. Loaded in <head>: the stored theme is applied
   before the page paints; everything else waits for DOMContentLoaded. Every
   feature checks that its elements exist, so no page throws. */
(function () {
  "use strict";

  var KEY = "folio-theme";
  var root = document.documentElement;
  // Marks that the script runs, before the first paint: the stylesheet then shows
  // the controls this script will reveal, so the page does not shift when it does.
  root.classList.add("js");

  function readTheme() {
    try {
      var v = window.localStorage.getItem(KEY);
      return v === "light" || v === "dark" ? v : null;
    } catch (e) {
      return null;
    }
  }

  function storeTheme(v) {
    try {
      window.localStorage.setItem(KEY, v);
    } catch (e) {
      /* private mode or storage disabled: the choice lasts for this page only */
    }
  }

  function systemDark() {
    return !!(window.matchMedia && window.matchMedia("(prefers-color-scheme: dark)").matches);
  }

  var stored = readTheme();
  if (stored) {
    root.dataset.theme = stored;
  }

  function effectiveDark() {
    var t = root.dataset.theme;
    if (t === "dark") return true;
    if (t === "light") return false;
    return systemDark();
  }

  function setupThemeToggle() {
    var buttons = document.querySelectorAll("button.theme-toggle");
    if (!buttons.length) return;
    function sync() {
      var dark = effectiveDark();
      for (var i = 0; i < buttons.length; i++) {
        buttons[i].setAttribute("aria-pressed", dark ? "true" : "false");
      }
    }
    for (var i = 0; i < buttons.length; i++) {
      buttons[i].hidden = false;
      buttons[i].addEventListener("click", function () {
        var next = effectiveDark() ? "light" : "dark";
        root.dataset.theme = next;
        storeTheme(next);
        sync();
      });
    }
    sync();
    if (window.matchMedia) {
      var mq = window.matchMedia("(prefers-color-scheme: dark)");
      var onChange = function () {
        if (!readTheme()) sync();
      };
      if (mq.addEventListener) mq.addEventListener("change", onChange);
      else if (mq.addListener) mq.addListener(onChange);
    }
  }

  /* ---- Publication filters ---- */

  function words(s) {
    return s.toLowerCase().split(/\s+/).filter(function (w) {
      return w.length > 0;
    });
  }

  function setupFilters() {
    var form = document.getElementById("filters");
    if (!form) return;
    var q = document.getElementById("filter-q");
    var topic = document.getElementById("filter-topic");
    var year = document.getElementById("filter-year");
    var code = document.getElementById("filter-code");
    var status = document.getElementById("filter-status");
    var none = document.getElementById("no-results");
    var papers = Array.prototype.slice.call(document.querySelectorAll("li.paper"));
    var groups = Array.prototype.slice.call(document.querySelectorAll("section.year-group"));
    var texts = papers.map(function (li) {
      return (li.textContent || "").toLowerCase().replace(/\s+/g, " ");
    });
    var total = papers.length;

    function hasOption(select, value) {
      if (!select) return false;
      for (var i = 0; i < select.options.length; i++) {
        if (select.options[i].value === value) return true;
      }
      return false;
    }

    // Initial values from the address, so filtered views can be linked.
    var params;
    try {
      params = new URLSearchParams(window.location.search);
    } catch (e) {
      params = null;
    }
    if (params) {
      if (q && params.get("q")) q.value = params.get("q");
      if (topic && params.get("topic") && hasOption(topic, params.get("topic"))) topic.value = params.get("topic");
      if (year && params.get("year") && hasOption(year, params.get("year"))) year.value = params.get("year");
      if (code && params.get("code") === "1") code.checked = true;
    }

    function syncUrl() {
      if (!params || !window.history || !window.history.replaceState) return;
      var p = new URLSearchParams(window.location.search);
      ["q", "topic", "year", "code"].forEach(function (k) {
        p.delete(k);
      });
      if (q && q.value.trim()) p.set("q", q.value.trim());
      if (topic && topic.value) p.set("topic", topic.value);
      if (year && year.value) p.set("year", year.value);
      if (code && code.checked) p.set("code", "1");
      var s = p.toString();
      var url = window.location.pathname + (s ? "?" + s : "") + window.location.hash;
      try {
        window.history.replaceState(window.history.state, "", url);
      } catch (e) {
        /* file:// pages may refuse: filtering still works */
      }
    }

    function apply() {
      var need = q ? words(q.value) : [];
      var t = topic ? topic.value : "";
      var y = year ? year.value : "";
      var c = !!(code && code.checked);
      var shown = 0;
      papers.forEach(function (li, i) {
        var ok = true;
        if (t) ok = (" " + (li.getAttribute("data-topics") || "") + " ").indexOf(" " + t + " ") !== -1;
        if (ok && y) ok = li.getAttribute("data-year") === y;
        if (ok && c) ok = li.getAttribute("data-code") === "1";
        for (var k = 0; ok && k < need.length; k++) {
          if (texts[i].indexOf(need[k]) === -1) ok = false;
        }
        li.hidden = !ok;
        if (ok) shown++;
      });
      groups.forEach(function (g) {
        g.hidden = !g.querySelector("li.paper:not([hidden])");
      });
      if (status) {
        // The words come from the site's string table, through data attributes.
        var noun = counted(status.getAttribute("data-papers"), total);
        status.textContent =
          shown === total
            ? fill(status.getAttribute("data-all"), { papers: noun })
            : fill(status.getAttribute("data-some"), { shown: number(shown), papers: noun });
      }
      if (none) none.hidden = shown !== 0;
      syncUrl();
    }

    form.hidden = false;
    form.addEventListener("submit", function (e) {
      e.preventDefault();
      apply();
    });
    [q, topic, year, code].forEach(function (el) {
      if (!el) return;
      el.addEventListener("input", apply);
      el.addEventListener("change", apply);
    });
    apply();
  }

  /* ---- Words from the string table ---- */

  var lang = document.documentElement.lang || "en";

  function number(n) {
    try {
      // Western digits in every language, as the pages folio writes have them.
      return n.toLocaleString(lang, { numberingSystem: "latn" });
    } catch (e) {
      return String(n);
    }
  }

  function fill(pattern, values) {
    return String(pattern || "").replace(/\{(\w+)\}/g, function (m, k) {
      return Object.prototype.hasOwnProperty.call(values, k) ? values[k] : m;
    });
  }

  // A counted noun: its forms by plural category (CLDR, as Intl names them).
  function counted(formsJson, n) {
    var forms = {};
    try {
      forms = JSON.parse(formsJson || "{}");
    } catch (e) {
      /* no forms: the number alone */
    }
    var cat = "other";
    try {
      cat = new Intl.PluralRules(lang).select(n);
    } catch (e) {
      /* old browsers: "other" */
    }
    return fill(forms[cat] || forms.other || "{n}", { n: number(n) });
  }

  /* ---- Copy BibTeX ---- */

  function setupCopy() {
    var buttons = document.querySelectorAll("button.copy-button[data-copy-target]");
    if (!buttons.length) return;
    var live = document.createElement("span");
    live.className = "visually-hidden";
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    document.body.appendChild(live);

    function selectText(el) {
      try {
        var range = document.createRange();
        range.selectNodeContents(el);
        var sel = window.getSelection();
        sel.removeAllRanges();
        sel.addRange(range);
        return document.execCommand ? document.execCommand("copy") : false;
      } catch (e) {
        return false;
      }
    }

    Array.prototype.forEach.call(buttons, function (btn) {
      var target = document.getElementById(btn.getAttribute("data-copy-target"));
      if (!target) return;
      var label = btn.textContent;
      var timer = null;
      function done(message, ok) {
        btn.textContent = message;
        btn.classList.toggle("copied", ok);
        live.textContent = "";
        window.setTimeout(function () {
          live.textContent = btn.getAttribute(ok ? "data-announce-copied" : "data-announce-selected") || "";
        }, 50);
        window.clearTimeout(timer);
        timer = window.setTimeout(function () {
          btn.textContent = label;
          btn.classList.remove("copied");
        }, 2000);
      }
      function fallback() {
        if (selectText(target)) done(btn.getAttribute("data-copied"), true);
        else done(btn.getAttribute("data-selected"), false);
      }
      btn.hidden = false;
      btn.addEventListener("click", function () {
        var text = target.textContent || "";
        if (navigator.clipboard && navigator.clipboard.writeText && window.isSecureContext !== false) {
          navigator.clipboard.writeText(text).then(function () {
            done(btn.getAttribute("data-copied"), true);
          }, fallback);
        } else {
          fallback();
        }
      });
    });
  }

  /* ---- Metric notes: Escape dismisses (WCAG 1.4.13) ---- */

  function setupMetrics() {
    var metrics = document.querySelectorAll(".metric");
    if (!metrics.length) return;
    var hovered = null;
    Array.prototype.forEach.call(metrics, function (m) {
      m.addEventListener("mouseenter", function () {
        hovered = m;
      });
      m.addEventListener("mouseleave", function () {
        if (hovered === m) hovered = null;
        if (!m.contains(document.activeElement)) m.classList.remove("note-dismissed");
      });
      m.addEventListener("focusout", function (e) {
        if (!m.contains(e.relatedTarget) && hovered !== m) m.classList.remove("note-dismissed");
      });
    });
    document.addEventListener("keydown", function (e) {
      if (e.key !== "Escape" && e.key !== "Esc") return;
      var active = document.activeElement;
      var focused = active && active.closest ? active.closest(".metric") : null;
      var any = false;
      [focused, hovered].forEach(function (m) {
        if (m && !m.classList.contains("note-dismissed")) {
          m.classList.add("note-dismissed");
          any = true;
        }
      });
      if (any) e.preventDefault();
    });
  }

  /* ---- Wide display maths scrolls sideways: let the keyboard reach it ---- */

  function setupScrollers() {
    var blocks = document.querySelectorAll('math[display="block"]');
    if (!blocks.length) return;
    function check() {
      Array.prototype.forEach.call(blocks, function (m) {
        if (m.scrollWidth > m.clientWidth + 1) {
          m.setAttribute("tabindex", "0");
        } else if (m.getAttribute("tabindex") === "0") {
          m.removeAttribute("tabindex");
        }
      });
    }
    var timer = null;
    window.addEventListener("resize", function () {
      window.clearTimeout(timer);
      timer = window.setTimeout(check, 150);
    });
    // Maths inside a closed <details> has no width until it opens.
    document.addEventListener("toggle", check, true);
    check();
  }

  // Site-wide search: the button is revealed here; search.json is fetched the
  // first time the panel opens, never before. Words must all occur in a
  // page's title or words (accents and case ignored); title hits rank first.
  var MAX_RESULTS = 20;

  function fold(text) {
    var s = String(text).toLowerCase();
    return s.normalize ? s.normalize("NFD").replace(/[\u0300-\u036f]/g, "") : s;
  }

  function setupSearch() {
    var btn = document.querySelector("button.search-toggle");
    var panel = document.getElementById("search-panel");
    if (!btn || !panel) return;
    var input = panel.querySelector("input");
    var status = panel.querySelector(".search-status");
    var list = panel.querySelector(".search-results");
    var index = null;
    var loading = false;

    function load() {
      if (index || loading) return;
      loading = true;
      status.textContent = panel.getAttribute("data-loading");
      fetch(panel.getAttribute("data-index"), { credentials: "same-origin" })
        .then(function (r) {
          if (!r.ok) throw new Error("HTTP " + r.status);
          return r.json();
        })
        .then(function (data) {
          index = data.items.map(function (it) {
            return { kind: data.kinds[it[0]], url: it[1], title: it[2], t: fold(it[2]), x: fold(it[2] + " " + it[3]) };
          });
          run();
        })
        .catch(function () {
          loading = false;
          status.textContent = panel.getAttribute("data-failed");
        });
    }

    function run() {
      if (!index) return;
      var words = fold(input.value).split(/\s+/).filter(Boolean);
      list.textContent = "";
      if (!words.length) {
        status.textContent = "";
        return;
      }
      var hits = index.filter(function (d) {
        return words.every(function (w) { return d.x.indexOf(w) >= 0; });
      });
      var rank = function (d) {
        return words.filter(function (w) { return d.t.indexOf(w) >= 0; }).length;
      };
      hits = hits
        .map(function (d, i) { return { d: d, r: rank(d), i: i }; })
        .sort(function (a, b) { return b.r - a.r || a.i - b.i; })
        .map(function (h) { return h.d; });
      status.textContent = hits.length === 0
        ? panel.getAttribute("data-none")
        : hits.length === 1
          ? panel.getAttribute("data-one")
          : fill(panel.getAttribute("data-many"), { n: number(hits.length) });
      hits.slice(0, MAX_RESULTS).forEach(function (d) {
        var li = document.createElement("li");
        var a = document.createElement("a");
        a.href = d.url;
        a.textContent = d.title;
        var kind = document.createElement("span");
        kind.className = "search-kind";
        kind.textContent = d.kind;
        li.appendChild(a);
        li.appendChild(document.createTextNode(" "));
        li.appendChild(kind);
        list.appendChild(li);
      });
    }

    function open() {
      panel.hidden = false;
      btn.setAttribute("aria-expanded", "true");
      input.focus();
      load();
    }

    function close() {
      panel.hidden = true;
      btn.setAttribute("aria-expanded", "false");
      btn.focus();
    }

    btn.hidden = false;
    btn.addEventListener("click", function () {
      if (panel.hidden) open();
      else close();
    });
    input.addEventListener("input", run);
    input.addEventListener("keydown", function (e) {
      // Enter follows the first result.
      var first = list.querySelector("a");
      if (e.key === "Enter" && first) window.location.href = first.href;
    });
    panel.addEventListener("keydown", function (e) {
      if (e.key === "Escape") close();
    });
    document.addEventListener("keydown", function (e) {
      var typing = /^(input|textarea|select)$/i.test(e.target.tagName) || e.target.isContentEditable;
      if (e.key === "/" && !typing && panel.hidden && !e.ctrlKey && !e.metaKey && !e.altKey) {
        e.preventDefault();
        open();
      }
    });
  }

  function init() {
    var steps = [setupThemeToggle, setupFilters, setupCopy, setupMetrics, setupScrollers, setupSearch];
    for (var i = 0; i < steps.length; i++) {
      try {
        steps[i]();
      } catch (e) {
        if (window.console && console.error) console.error("folio:", e);
      }
    }
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
