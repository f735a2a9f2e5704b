/* mlroute: small enhancements over server-rendered pages. Every page and form works without this file. */
"use strict";
document.documentElement.classList.add("js");

(function () {
  function flashBox() {
    return document.getElementById("flash");
  }

  function errorCard(text) {
    const card = document.createElement("div");
    card.id = "error-card";
    card.className = "notice n-error";
    card.setAttribute("role", "alert");
    const p = document.createElement("p");
    p.textContent = text;
    card.appendChild(p);
    return card;
  }

  function addCloseButtons(root) {
    root.querySelectorAll(".notice:not([data-closable])").forEach(function (note) {
      note.setAttribute("data-closable", "");
      const close = document.createElement("button");
      close.type = "button";
      close.className = "close";
      close.setAttribute("aria-label", document.body.dataset.close || "Close");
      close.textContent = "×";
      close.addEventListener("click", function () {
        note.remove();
      });
      note.appendChild(close);
    });
  }

  function show(nodes) {
    const box = flashBox();
    if (!box) return;
    box.replaceChildren.apply(box, nodes);
    addCloseButtons(box);
    if (window.htmx) window.htmx.process(box);
  }

  /* Every HTMX answer says how the action went: an error goes to the notice area (never into the panel the
     form belongs to), and a success replaces whatever notice was there, so an old error does not linger. */
  document.addEventListener("htmx:beforeSwap", function (evt) {
    const xhr = evt.detail.xhr;
    const doc = new DOMParser().parseFromString(xhr.responseText || "", "text/html");
    if (xhr.status >= 400) {
      evt.detail.shouldSwap = false;
      evt.detail.isError = false;
      const card = doc.getElementById("error-card");
      show([card ? document.importNode(card, true) : errorCard(document.body.dataset.failed)]);
      return;
    }
    const incoming = doc.getElementById("flash");
    show(incoming ? Array.from(incoming.childNodes).map(function (n) { return document.importNode(n, true); }) : []);
  });
  document.addEventListener("htmx:sendError", function () {
    show([errorCard(document.body.dataset.offline)]);
  });

  /* The roadmap: focusing or hovering a card lights up the cards it needs first. */
  function needed(card) {
    return (card.dataset.needs || "").split(" ").filter(Boolean).map(function (id) {
      return document.getElementById(id);
    }).filter(Boolean);
  }
  function light(evt, on) {
    const card = evt.target.closest && evt.target.closest(".rcard");
    if (!card) return;
    needed(card).forEach(function (other) {
      other.classList.toggle("is-needed", on);
    });
  }

  document.addEventListener("DOMContentLoaded", function () {
    addCloseButtons(document);
    const menu = document.querySelector(".menu-button");
    if (menu) {
      menu.addEventListener("click", function () {
        const open = menu.getAttribute("aria-expanded") !== "true";
        menu.setAttribute("aria-expanded", String(open));
        document.getElementById(menu.getAttribute("aria-controls")).classList.toggle("open", open);
      });
    }
    document.addEventListener("focusin", function (e) { light(e, true); });
    document.addEventListener("focusout", function (e) { light(e, false); });
    document.addEventListener("mouseover", function (e) { light(e, true); });
    document.addEventListener("mouseout", function (e) { light(e, false); });

    /* Onboarding: a preset sets every skill of its pillar at once ("I use this daily"…). */
    document.addEventListener("click", function (e) {
      const preset = e.target.closest && e.target.closest("[data-preset]");
      if (!preset) return;
      const group = preset.closest("[data-pillar]");
      group.querySelectorAll(".skill-q").forEach(function (q) {
        const value = preset.dataset.preset === "default" ? q.dataset.default : preset.dataset.preset;
        const radio = q.querySelector("input[type=radio][value='" + value + "']");
        if (radio) radio.checked = true;
      });
      const summary = group.querySelector("[data-chosen]");
      if (summary) summary.textContent = preset.dataset.label || "";
    });

    /* Onboarding: "I study full time" sets the hours to 40 (and back to 10), which stay editable. */
    const fullTime = document.getElementById("full_time");
    const hours = document.getElementById("hours_per_week");
    if (fullTime && hours) {
      fullTime.addEventListener("change", function () {
        if (fullTime.checked && hours.value === "10") hours.value = "40";
        else if (!fullTime.checked && hours.value === "40") hours.value = "10";
      });
    }

    /* Forms that upload a file say at once when it is over the server's limit, instead of sending it. */
    document.addEventListener("submit", function (e) {
      const form = e.target;
      const limit = Number(form.dataset.maxBytes || 0);
      if (!limit) return;
      const big = Array.from(form.querySelectorAll("input[type=file]")).some(function (input) {
        return Array.from(input.files || []).some(function (f) { return f.size > limit; });
      });
      if (big) {
        e.preventDefault();
        e.stopPropagation();
        show([errorCard(form.dataset.tooLarge)]);
      }
    }, true);
  });
})();
