/* claimcheck review report: claim details on click, focus or Enter; status filters for the table.
   Data comes from the JSON block (never from the page's HTML) and is only ever written with textContent. */
(function () {
  "use strict";
  var source = document.getElementById("claimcheck-data");
  if (!source) { return; }
  var data = JSON.parse(source.textContent);
  var claims = data.claims || {};
  var statuses = data.statuses || {};
  var SAFE_LINK = /^https?:\/\//i;

  function el(tag, className, text) {
    var node = document.createElement(tag);
    if (className) { node.className = className; }
    if (text !== undefined && text !== null) { node.textContent = String(text); }
    return node;
  }

  function badge(status) {
    var info = statuses[status] || { label: status, icon: "" };
    var span = el("span", "badge st-" + status);
    var icon = el("span", "icon", info.icon);
    icon.setAttribute("aria-hidden", "true");
    span.appendChild(icon);
    span.appendChild(document.createTextNode(info.label));
    return span;
  }

  function link(item) {
    // Only http(s) becomes a link, checked again here whatever the data says.
    if (item.href && SAFE_LINK.test(item.href)) {
      var a = el("a", "", item.label);
      a.href = item.href;
      a.rel = "noopener noreferrer";
      a.title = item.url;
      return a;
    }
    var span = el("span", "nolink", item.label);
    span.title = item.url;
    return span;
  }

  function section(panel, title) {
    panel.appendChild(el("h4", "", title));
  }

  function fill(panel, claim) {
    panel.textContent = "";
    panel.className = "detail-body st-" + claim.status;
    var head = el("div", "detail-head");
    head.appendChild(badge(claim.status));
    head.appendChild(el("span", "detail-kind", claim.kind_label + " · " + claim.id));
    var close = el("button", "detail-close", "Close");
    close.type = "button";
    close.setAttribute("aria-label", "Close the claim details");
    close.addEventListener("click", function () { hide(panel.parentNode); });
    head.appendChild(close);
    panel.appendChild(head);
    panel.appendChild(el("h3", "", claim.text));
    panel.appendChild(el("blockquote", "", claim.quote));
    if (!claim.highlighted) {
      panel.appendChild(el("p", "warn", "These words are no longer found in the current text of the article."));
    }
    if (claim.value && claim.value.length) {
      section(panel, "Value");
      var dl = el("dl");
      claim.value.forEach(function (pair) {
        dl.appendChild(el("dt", "", pair[0]));
        dl.appendChild(el("dd", "", pair[1]));
      });
      panel.appendChild(dl);
    }
    section(panel, "Evidence");
    if (claim.evidence.length) {
      var ev = el("ul");
      claim.evidence.forEach(function (item) {
        var li = el("li");
        li.appendChild(el("span", "stance stance-" + item.stance, item.stance));
        li.appendChild(link(item));
        if (item.note) { li.appendChild(el("span", "note", item.note)); }
        li.appendChild(el("span", "when", "added " + item.added_at + (item.added_by ? " by " + item.added_by : "")));
        ev.appendChild(li);
      });
      panel.appendChild(ev);
    } else {
      panel.appendChild(el("p", "muted", "No evidence yet."));
    }
    if (claim.notes.length) {
      section(panel, "Notes");
      var notes = el("ul");
      claim.notes.forEach(function (note) {
        var li = el("li", "", note.note);
        li.appendChild(el("span", "when", note.by + ", " + note.at.slice(0, 10)));
        notes.appendChild(li);
      });
      panel.appendChild(notes);
    }
    section(panel, "History");
    var history = el("ol");
    claim.history.forEach(function (event) {
      var li = el("li");
      li.appendChild(el("span", "when", event.at + " · " + event.by));
      li.appendChild(el("div", "", event.what));
      if (event.note) { li.appendChild(el("span", "note", "“" + event.note + "”")); }
      history.appendChild(li);
    });
    panel.appendChild(history);
  }

  function elementsOf(id) {
    var q = window.CSS && CSS.escape ? CSS.escape(id) : id;
    return document.querySelectorAll('[data-claim="' + q + '"], [data-part="' + q + '"], [data-row="' + q + '"]');
  }

  var active = null;

  function show(id, article) {
    var claim = claims[id];
    if (!claim || !article) { return null; }
    var aside = article.querySelector(".detail");
    if (active) {
      elementsOf(active).forEach(function (node) { node.classList.remove("is-active"); });
    }
    active = id;
    elementsOf(id).forEach(function (node) { node.classList.add("is-active"); });
    aside.querySelector(".detail-empty").hidden = true;
    var body = aside.querySelector(".detail-body");
    fill(body, claim);
    body.hidden = false;
    aside.classList.add("open");
    aside.setAttribute("data-showing", id);
    if (window.getComputedStyle(aside).position === "fixed") {
      // On a phone the panel is a sheet over the lower part of the screen: keep the words above it.
      var main = document.getElementById("hl-" + id);
      if (main) {
        var top = main.getBoundingClientRect().top;
        var room = window.innerHeight - aside.getBoundingClientRect().height;
        if (top < 8 || top > room - 48) { window.scrollBy(0, top - Math.max(8, room / 3)); }
      }
    }
    return aside;
  }

  function hide(aside) {
    aside.classList.remove("open");
    var id = aside.getAttribute("data-showing");
    if (id) {
      var main = document.getElementById("hl-" + id);
      if (main) { main.focus({ preventScroll: true }); }
    }
  }

  function highlightOf(target) {
    return target && target.closest ? target.closest("[data-claim], [data-part]") : null;
  }

  function idOf(node) {
    return node.getAttribute("data-claim") || node.getAttribute("data-part");
  }

  document.querySelectorAll(".report").forEach(function (article) {
    var text = article.querySelector(".article-text");
    var aside = article.querySelector(".detail");
    text.addEventListener("click", function (e) {
      var hit = highlightOf(e.target);
      if (hit) { show(idOf(hit), article); }
    });
    text.addEventListener("focusin", function (e) {
      var hit = highlightOf(e.target);
      if (hit) { show(idOf(hit), article); }
    });
    text.addEventListener("keydown", function (e) {
      var hit = highlightOf(e.target);
      if (!hit || (e.key !== "Enter" && e.key !== " ")) { return; }
      e.preventDefault();
      var shown = show(idOf(hit), article);
      if (shown) { shown.focus(); }
    });
    aside.addEventListener("keydown", function (e) {
      if (e.key === "Escape") { hide(aside); }
    });

    article.querySelectorAll("[data-goto]").forEach(function (a) {
      a.addEventListener("click", function (e) {
        var target = document.getElementById("hl-" + a.getAttribute("data-goto"));
        if (!target) { return; }
        e.preventDefault();
        target.scrollIntoView({ block: "center" });
        target.focus({ preventScroll: true });
      });
    });

    var buttons = article.querySelectorAll(".filter");
    var rows = article.querySelectorAll("tbody tr");
    var empty = article.querySelector(".empty-filter");
    buttons.forEach(function (button) {
      button.addEventListener("click", function () {
        var wanted = button.getAttribute("data-filter");
        var shown = 0;
        buttons.forEach(function (b) { b.setAttribute("aria-pressed", String(b === button)); });
        rows.forEach(function (row) {
          var visible = wanted === "all" || row.getAttribute("data-status") === wanted;
          row.hidden = !visible;
          if (visible) { shown += 1; }
        });
        if (empty) { empty.hidden = shown > 0; }
      });
    });
  });
}());
