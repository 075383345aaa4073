// The symbiosis diagram, enhanced. Without this file every link and the form work as
// ordinary pages; with it, pointing at a partner or a flow lights up its connections,
// and the filters, the year slider and the year links update the diagram in place.
(() => {
  "use strict";

  const form = document.querySelector("[data-diagram-form]");
  let result = document.querySelector("[data-diagram-result]");
  if (!form || !result) return;

  const category = form.querySelector("#diagram-category");
  const year = form.querySelector("#diagram-year");
  const sliderField = form.querySelector("[data-diagram-slider]");
  const slider = sliderField ? sliderField.querySelector("input") : null;

  // One polite live region tells screen reader users what the diagram now shows.
  const status = document.createElement("p");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  form.after(status);

  // --- Highlighting: a partner with its flows and partners, or a flow with its two ends.

  function wire(svg) {
    if (!svg) return;
    // Each flow's link names its two partners by their place among the nodes
    // (data-ends="supplier receiver"), which keeps large diagrams light.
    const edgesOf = new Map();
    const ends = new Map();
    const nodes = [...svg.querySelectorAll(".nodes a")];
    for (const edge of svg.querySelectorAll(".edges a")) {
      // Large diagrams come without the wide invisible twin of each line (see
      // diagram.css) to keep the page light; it is added here.
      if (!edge.querySelector(".hit")) {
        const line = edge.querySelector("path");
        if (line) {
          const hit = line.cloneNode(false);
          hit.setAttribute("class", "hit");
          edge.append(hit);
        }
      }
      const pair = (edge.dataset.ends || "").split(" ").map((place) => nodes[Number(place)]);
      ends.set(edge, pair);
      for (const end of pair) {
        if (!end) continue;
        if (!edgesOf.has(end)) edgesOf.set(end, []);
        edgesOf.get(end).push(edge);
      }
    }
    let lit = [];
    let current = null;

    function clear() {
      for (const element of lit) element.classList.remove("is-lit");
      lit = [];
      current = null;
      svg.classList.remove("is-dimmed");
    }

    function light(target) {
      if (target === current) return;
      clear();
      current = target;
      const related = [target];
      if (ends.has(target)) {
        related.push(...ends.get(target));
      } else {
        for (const edge of edgesOf.get(target) || []) related.push(edge, ...ends.get(edge));
      }
      for (const element of related) {
        if (element) {
          element.classList.add("is-lit");
          lit.push(element);
        }
      }
      svg.classList.add("is-dimmed");
    }

    const linkOf = (event) => event.target.closest && event.target.closest(".nodes a, .edges a");
    svg.addEventListener("pointerover", (event) => {
      const link = linkOf(event);
      if (link) light(link);
      else clear();
    });
    svg.addEventListener("pointerleave", clear);
    svg.addEventListener("focusin", (event) => {
      const link = linkOf(event);
      if (link) light(link);
    });
    svg.addEventListener("focusout", (event) => {
      if (!svg.contains(event.relatedTarget)) clear();
    });
  }

  // --- Filtering in place: fetch the same page the form or link would open, swap the result.

  let controller = null;
  const withoutHash = (url) => url.split("#")[0];
  let shown = withoutHash(window.location.href); // the address whose diagram is on the page

  function queryFromForm() {
    const params = new URLSearchParams();
    if (category.value) params.set("category", category.value);
    // The latest year is what the page shows without one: keep that address short.
    if (year.value && year.value !== year.max) params.set("year", year.value);
    const query = params.toString();
    return form.action.split("?")[0] + (query ? "?" + query : "");
  }

  async function load(url, { push = true, focus = null } = {}) {
    if (controller) controller.abort();
    controller = new AbortController();
    const mine = controller;
    result.classList.add("is-loading");
    result.setAttribute("aria-busy", "true");
    try {
      const response = await fetch(url, { signal: mine.signal, headers: { Accept: "text/html" } });
      if (!response.ok) throw new Error(`HTTP ${response.status}`);
      const page = new DOMParser().parseFromString(await response.text(), "text/html");
      const fresh = page.querySelector("[data-diagram-result]");
      if (!fresh) throw new Error("no diagram in the answer");
      if (mine !== controller) return;
      result.replaceWith(document.adoptNode(fresh));
      result = fresh;
      const freshForm = page.querySelector("[data-diagram-form]");
      if (freshForm) {
        category.value = freshForm.querySelector("#diagram-category").value;
        year.value = freshForm.querySelector("#diagram-year").value;
        if (slider) slider.value = year.value;
      }
      if (push && url !== window.location.href) history.pushState({ diagram: true }, "", url);
      shown = withoutHash(url);
      document.title = page.title;
      wire(result.querySelector("[data-diagram]"));
      const heading = result.querySelector("[data-diagram-heading]");
      const count = result.querySelector(".result-count");
      status.textContent = [heading, count].filter(Boolean).map((e) => e.textContent.trim()).join(". ");
      if (focus) {
        const again = result.querySelector(`[data-diagram-link="${focus}"]`);
        if (again) again.focus();
        else if (heading) {
          heading.tabIndex = -1;
          heading.focus();
        }
      }
    } catch (error) {
      if (error.name === "AbortError") return;
      window.location.assign(url); // an ordinary page load shows whatever went wrong
    } finally {
      if (mine === controller) {
        result.classList.remove("is-loading");
        result.removeAttribute("aria-busy");
      }
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    if (!form.reportValidity()) return;
    load(queryFromForm());
  });
  category.addEventListener("change", () => load(queryFromForm()));
  year.addEventListener("change", () => {
    if (!year.checkValidity()) return;
    if (slider) slider.value = year.value;
    load(queryFromForm());
  });

  if (slider) {
    sliderField.hidden = false;
    let timer = null;
    slider.addEventListener("input", () => {
      year.value = slider.value;
      clearTimeout(timer);
      timer = setTimeout(() => load(queryFromForm()), 150);
    });
  }

  document.addEventListener("click", (event) => {
    const link = event.target.closest && event.target.closest("[data-diagram-link]");
    if (!link || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey) return;
    event.preventDefault();
    load(link.href, { focus: link.dataset.diagramLink });
  });

  // Back and forward between years and categories; a jump to #flow-table (the skip
  // link) fires popstate too, and must not reload what is already shown.
  window.addEventListener("popstate", () => {
    if (withoutHash(window.location.href) !== shown) load(window.location.href, { push: false });
  });

  wire(document.querySelector("[data-diagram]"));
})();
