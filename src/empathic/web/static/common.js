// Shared helpers of the empathic pages: calling the API and marking up spans of text.
"use strict";
window.Empathic = (function () {
  /**
   * POST (or GET when body is undefined, or `method` when given) JSON to the API;
   * resolves to {ok, status, data, headers}.
   */
  async function api(path, body, signal, method) {
    const init = { method: method || (body === undefined ? "GET" : "POST"), headers: {}, signal, credentials: "same-origin" };
    if (body !== undefined) {
      init.headers["Content-Type"] = "application/json";
      init.body = JSON.stringify(body);
    }
    const res = await fetch(path, init);
    if (res.status === 401 && document.body.dataset.auth === "required") {
      window.location.assign("/login?next=" + encodeURIComponent(window.location.pathname));
    }
    let data = null;
    try { data = await res.json(); } catch (e) { data = null; }
    return { ok: res.ok, status: res.status, data, headers: res.headers };
  }

  /** The message of an API error response. */
  function errorMessage(result) {
    if (result && result.data && result.data.error) return result.data.error.message;
    return "The server answered " + (result ? result.status : "nothing") + ".";
  }

  /** "reflecting_emotion" -> "Reflecting emotion". */
  function label(name) {
    const s = String(name || "").replace(/_/g, " ");
    return s.charAt(0).toUpperCase() + s.slice(1);
  }

  /**
   * Fill `el` with `text`, cutting it at every mark boundary; each piece inside marks becomes a
   * <mark> with the classes of every mark covering it and their tooltips (focusable for keyboards).
   * marks: [{start, end, css, tip}]
   */
  function renderMarked(el, text, marks) {
    el.textContent = "";
    const valid = marks.filter((m) => m.start >= 0 && m.end <= text.length && m.start < m.end);
    const cuts = Array.from(new Set([0, text.length, ...valid.flatMap((m) => [m.start, m.end])])).sort((a, b) => a - b);
    for (let i = 0; i + 1 < cuts.length; i++) {
      const a = cuts[i], b = cuts[i + 1];
      const piece = text.slice(a, b);
      const active = valid.filter((m) => m.start <= a && b <= m.end);
      if (!active.length) { el.appendChild(document.createTextNode(piece)); continue; }
      const mark = document.createElement("mark");
      mark.className = Array.from(new Set(active.flatMap((m) => m.css.split(" ")))).join(" ");
      const tips = Array.from(new Set(active.map((m) => m.tip).filter(Boolean)));
      if (tips.length) { mark.dataset.tip = tips.join(" · "); mark.tabIndex = 0; }
      mark.textContent = piece;
      el.appendChild(mark);
    }
  }

  /** A function that runs `fn` once `ms` milliseconds have passed without another call. */
  function debounce(fn, ms) {
    let timer = null;
    const wrapped = (...args) => { clearTimeout(timer); timer = setTimeout(() => fn(...args), ms); };
    wrapped.now = (...args) => { clearTimeout(timer); fn(...args); };
    return wrapped;
  }

  function el(tag, attrs, ...children) {
    const node = document.createElement(tag);
    for (const [k, v] of Object.entries(attrs || {})) {
      // A style goes through the CSSOM: the Content-Security-Policy refuses style attributes, not this.
      if (k === "class") node.className = v;
      else if (k === "text") node.textContent = v;
      else if (k === "style") node.style.cssText = v;
      else node.setAttribute(k, v);
    }
    for (const c of children) node.append(c);
    return node;
  }

  return { api, errorMessage, label, renderMarked, debounce, el };
})();
