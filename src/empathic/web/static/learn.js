// Learn: the learner's name and progress, live grading of practice replies, marking lessons done.
"use strict";
(function () {
  const { api, errorMessage, label, renderMarked, debounce, el } = window.Empathic;
  const root = document.getElementById("learn");
  if (!root) return;
  const $ = (id) => document.getElementById(id);
  const learnerBox = $("learner");
  const STORE_KEY = "empathic.learner";
  const GAUGE_LEN = 157.1;
  learnerBox.value = localStorage.getItem(STORE_KEY) || "";

  function learner() { return learnerBox.value.trim(); }

  function showProgress(p) {
    const done = new Set([...p.lessons_completed.map((id) => `lesson:${id}`), ...p.scenarios_passed.map((id) => `scenario:${id}`)]);
    document.querySelectorAll("[data-item]").forEach((a) => { a.querySelector(".done").hidden = !done.has(a.dataset.item); });
    const total = p.totals.lessons + p.totals.scenarios;
    const count = p.lessons_completed.length + p.scenarios_passed.length;
    $("progress-text").textContent = `${p.lessons_completed.length}/${p.totals.lessons} lessons · ${p.scenarios_passed.length}/${p.totals.scenarios} scenarios passed`;
    const right = Object.values(p.quiz).filter(Boolean).length;
    $("quiz-count").textContent = Object.keys(p.quiz).length ? `${right}/${p.totals.quiz} right` : "";
    $("progress-bar").style.width = `${total ? Math.round(100 * count / total) : 0}%`;
  }

  async function loadProgress() {
    const name = learner();
    if (!name) return;
    const res = await api(`/v1/course/progress?learner=${encodeURIComponent(name)}`);
    if (res.ok) showProgress(res.data);
  }
  learnerBox.addEventListener("change", () => { localStorage.setItem(STORE_KEY, learner()); loadProgress(); });
  loadProgress();

  // ----- lessons -----
  const doneBtn = $("lesson-done");
  if (doneBtn) {
    doneBtn.addEventListener("click", async () => {
      const status = $("lesson-status");
      if (!learner()) { status.textContent = "Enter your name first (top left)."; learnerBox.focus(); return; }
      localStorage.setItem(STORE_KEY, learner());
      const res = await api(`/v1/course/lessons/${encodeURIComponent(root.dataset.lesson)}/complete`, { learner: learner() });
      status.textContent = res.ok ? "Saved. Well done!" : errorMessage(res);
      if (res.ok) showProgress(res.data);
    });
  }

  // ----- quiz -----
  document.querySelectorAll(".quiz-item").forEach((item) => {
    item.querySelectorAll(".quiz-choice").forEach((btn) => btn.addEventListener("click", async () => {
      const body = { choice: btn.dataset.choice };
      if (learner()) body.learner = learner();
      const res = await api(`/v1/course/quiz/${encodeURIComponent(item.dataset.id)}/answer`, body);
      const out = item.querySelector(".quiz-result");
      if (!res.ok) { out.textContent = errorMessage(res); return; }
      item.querySelectorAll(".quiz-choice").forEach((b) => {
        b.classList.toggle("chip-right", b.dataset.choice === res.data.answer);
        b.classList.toggle("chip-wrong", b === btn && !res.data.correct);
      });
      out.replaceChildren(el("span", { class: res.data.correct ? "result-pass" : "result-fail", text: res.data.correct ? "✓ Right. " : "✗ Not quite. " }),
        res.data.explanation);
      if (learner()) loadProgress();
    }));
  });

  // ----- practice -----
  const scenario = $("scenario");
  if (!scenario) return;
  const reply = $("practice-reply"), status = $("practice-status"), submit = $("submit-attempt");
  let inflight = null;

  function drawGauge(score) {
    const colour = score < 40 ? "#dc2626" : score < 70 ? "#d97706" : "#16a34a";
    $("practice-gauge-fill").setAttribute("stroke-dasharray", `${(GAUGE_LEN * score / 100).toFixed(1)} ${GAUGE_LEN}`);
    $("practice-gauge-fill").setAttribute("stroke", colour);
    $("practice-gauge-value").textContent = String(score);
    $("practice-gauge").setAttribute("aria-label", `score ${score} out of 100`);
  }

  function showGrade(g, recorded) {
    $("grade").hidden = false;
    const a = g.analysis;
    renderMarked($("practice-view"), a.exchange.reply || "", [
      ...a.findings.map((f) => ({ start: f.start, end: f.end, css: `hl hl-${f.strategy}`, tip: label(f.strategy) })),
      ...a.pitfalls.filter((p) => p.start !== null).map((p) => ({ start: p.start, end: p.end, css: "pf", tip: `${label(p.kind)}: ${p.message}` })),
    ]);
    drawGauge(g.score);
    const verdict = $("verdict");
    verdict.replaceChildren(
      el("span", { class: g.passed ? "result-pass" : "result-fail", text: g.passed ? "✓ Pass" : "Not yet" }),
      el("span", { class: "muted", text: recorded ? " — attempt saved" : " — live preview; submit to save" }));
    $("grade-strategies").replaceChildren(...g.required.map((s) => el("li", { class: `chip ${g.found.includes(s) ? s : "missing"}` },
      g.found.includes(s) ? "✓ " : "✗ ", label(s))), ...g.extra.map((s) => el("li", { class: `chip ${s}`, title: "not needed here" }, "+ ", label(s))));
    $("grade-pitfalls").replaceChildren(...g.pitfalls.map((p) => el("li", {},
      el("strong", { style: "color:#a61b1b", text: label(p.kind) }), ` — ${p.message}`)));
    const sug = $("suggestion");
    sug.hidden = !g.suggestion;
    if (g.suggestion) {
      sug.replaceChildren(el("div", { class: "small muted", text: g.suggestion.source === "tip" ? "Try this" : "Compare with a model answer" }),
        el("div", { text: g.suggestion.text }), g.suggestion.why ? el("div", { class: "small muted", text: g.suggestion.why }) : "");
    }
    scenario.dataset.graded = String(Number(scenario.dataset.graded || 0) + 1);
  }

  async function grade(record) {
    if (!reply.value.trim()) { $("grade").hidden = true; $("practice-view").textContent = ""; submit.disabled = true; return; }
    if (inflight) inflight.abort();
    inflight = new AbortController();
    const body = { reply: reply.value, record };
    if (learner()) body.learner = learner();
    status.textContent = record ? "Saving…" : "Grading…";
    try {
      const res = await api(`/v1/course/scenarios/${encodeURIComponent(scenario.dataset.id)}/grade`, body, inflight.signal);
      if (!res.ok) { status.textContent = errorMessage(res); status.classList.add("error"); return; }
      status.classList.remove("error");
      status.textContent = "";
      submit.disabled = false;
      showGrade(res.data, res.data.recorded);
      if (record) loadProgress();
    } catch (err) { if (err.name !== "AbortError") status.textContent = "Could not reach the server."; }
  }
  const gradeSoon = debounce((record) => grade(record === true), 300);
  reply.addEventListener("input", () => gradeSoon(false));
  submit.addEventListener("click", () => {
    if (!learner()) { status.textContent = "Enter your name (top left) to save your attempt."; learnerBox.focus(); return; }
    localStorage.setItem(STORE_KEY, learner());
    gradeSoon.now(true);
  });
})();
