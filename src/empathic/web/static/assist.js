// Assist: analyse the draft reply live (debounced) and draw highlights, score, feelings and tips.
"use strict";
(function () {
  const { api, errorMessage, label, renderMarked, debounce, el } = window.Empathic;
  const root = document.getElementById("assist");
  const $ = (id) => document.getElementById(id);
  const customer = $("customer"), reply = $("reply"), status = $("status");
  const hasSuggest = root.dataset.hasSuggest === "true";
  const maxChars = Number(root.dataset.maxChars || 20000);
  const GAUGE_LEN = 157.1;
  let inflight = null, suggestInflight = null, lastKey = "", lastAnalysis = null;

  // Written for this page (not from any data set): one upset customer, one so-so reply to improve.
  const EXAMPLES = [
    {
      customer: "I've been charged for my gym membership twice this month and the app won't let me cancel the second one. I'm really annoyed, money is tight right now.",
      reply: "I understand your frustration. I can see the duplicate payment and I've refunded it today.",
    },
    {
      customer: "I'm so embarrassed, I booked the train for the wrong day and now I've missed my sister's wedding rehearsal. I'm such an idiot.",
      reply: "Booking the wrong date is an easy slip to make, and plenty of travellers do it, so please don't be hard on yourself. I've moved your ticket to tonight's 18:40 train at no charge.",
    },
  ];
  let exampleIndex = 0;

  function setStatus(text, isError) {
    status.textContent = text;
    status.classList.toggle("error", Boolean(isError));
  }

  function counts() {
    $("customer-count").textContent = customer.value.length ? `${customer.value.length.toLocaleString()} / ${maxChars.toLocaleString()}` : "";
    $("reply-count").textContent = reply.value.length ? `${reply.value.length.toLocaleString()} / ${maxChars.toLocaleString()}` : "";
  }

  function scoreColour(s) { return s < 40 ? "#dc2626" : s < 70 ? "#d97706" : "#16a34a"; }

  function drawGauge(score, hasReply) {
    const fill = $("gauge-fill"), value = $("gauge-value");
    if (!hasReply) {
      fill.setAttribute("stroke-dasharray", `0 ${GAUGE_LEN}`);
      value.textContent = "–";
      $("gauge").setAttribute("aria-label", "no reply to score yet");
      return;
    }
    fill.setAttribute("stroke-dasharray", `${(GAUGE_LEN * score / 100).toFixed(1)} ${GAUGE_LEN}`);
    fill.setAttribute("stroke", scoreColour(score));
    value.textContent = String(score);
    $("gauge").setAttribute("aria-label", `score ${score} out of 100`);
  }

  const OPPORTUNITY = {
    needed_and_given: "Empathy needed, and given",
    needed_but_missing: "Empathy needed, but missing",
    not_needed: "Little call for empathy",
    given_not_needed: "Empathy offered (not strictly needed)",
  };

  // The evidence chain of a decision (schema 1.1), for its tooltip: "why: rule reflecting.attribution.3 0.85 · ...".
  function why(evidence) {
    if (!evidence || !evidence.length) return "";
    const parts = evidence.slice(0, 6).map((e) =>
      `${e.effect === "veto" ? "veto " : ""}${e.id}${e.score === null || e.score === undefined ? "" : ` ${Number(e.score).toFixed(2)}`}`);
    return ` — why: ${parts.join(" · ")}${evidence.length > 6 ? ` · +${evidence.length - 6} more` : ""}`;
  }

  function render(a) {
    const hasReply = Boolean(a.exchange.reply);
    $("insights").hidden = false;
    // Customer side.
    const c = a.customer;
    renderMarked($("customer-view"), a.exchange.customer, [
      ...c.emotion_spans.map((e) => ({ start: e.start, end: e.end, css: "emo", tip: e.label })),
      ...c.causes.map((x) => ({ start: x.start, end: x.end, css: "cause", tip: (x.emotion ? `cause of ${x.emotion}` : "cause") + why(x.evidence) })),
      ...c.self_criticism.map((x) => ({ start: x.start, end: x.end, css: "selfcrit", tip: "self-criticism" })),
    ]);
    $("selfcrit").hidden = !c.self_critical;
    const emotions = c.emotions.filter((e) => e.label !== "neutral" && e.score >= 0.05).slice(0, 5);
    $("emotions-box").hidden = emotions.length === 0;
    $("emotions").replaceChildren(...emotions.map((e) => el("div", { class: "emotion-row", title: `${label(e.label)}${why(e.evidence)}` },
      el("span", { text: label(e.label) }),
      el("div", { class: "bar", role: "img", "aria-label": `${e.label} ${Math.round(e.score * 100)}%` },
        el("span", { style: `width:${Math.round(e.score * 100)}%` })),
      el("span", { class: "small muted", text: `${Math.round(e.score * 100)}%` }))));
    // One line per cause: the same words can explain several feelings.
    const causes = new Map();
    for (const x of c.causes) {
      const key = `${x.start}:${x.end}`;
      if (!causes.has(key)) causes.set(key, { text: x.text, emotions: [] });
      if (x.emotion && !causes.get(key).emotions.includes(x.emotion)) causes.get(key).emotions.push(x.emotion);
    }
    $("causes-box").hidden = causes.size === 0;
    $("causes").replaceChildren(...Array.from(causes.values()).map((x) => el("li", {},
      el("span", { text: `“${x.text}”` }),
      x.emotions.length ? el("span", { class: "small muted", text: ` → ${x.emotions.join(", ")}` }) : "")));
    $("customer-empty").hidden = emotions.length > 0 || c.causes.length > 0 || c.self_critical;

    // Reply side.
    renderMarked($("reply-view"), a.exchange.reply || "", [
      ...a.findings.map((f) => ({ start: f.start, end: f.end, css: `hl hl-${f.strategy}`, tip: label(f.strategy) + why(f.evidence) })),
      ...a.pitfalls.filter((p) => p.start !== null).map((p) => ({ start: p.start, end: p.end, css: `pf pf-${p.kind}`, tip: `${label(p.kind)}: ${p.message}${why(p.evidence)}` })),
    ]);
    drawGauge(a.score, hasReply);
    const opp = $("opportunity");
    opp.hidden = !hasReply || !OPPORTUNITY[a.opportunity_class];
    opp.textContent = OPPORTUNITY[a.opportunity_class] || "";
    $("breakdown").replaceChildren(...(hasReply ? Object.entries(a.breakdown) : []).map(([k, v]) =>
      el("li", {}, el("span", { text: label(k.replace(/\./g, ": ")) }), el("span", { text: (Math.round(v * 10) / 10).toString() }))));
    const chips = [];
    for (const s of ["relating_experience", "reflecting_emotion", "normalizing"]) {
      const used = a.strategies.includes(s);
      chips.push(el("li", { class: `chip ${used ? s : "missing"}`, title: used ? "used" : "not used" },
        used ? "✓ " : "", label(s)));
    }
    $("strategies").replaceChildren(...(hasReply ? chips : [el("li", { class: "empty-note", text: "Write a reply to see the strategies it uses." })]));
    $("pitfalls-box").hidden = a.pitfalls.length === 0;
    $("pitfalls").replaceChildren(...a.pitfalls.map((p) => el("li", { class: "pitfall-item", title: `${label(p.kind)}${why(p.evidence)}` },
      el("span", { class: "kind", text: label(p.kind) }), el("span", { text: ` — ${p.message}` }))));
    $("tips-box").hidden = a.tips.length === 0;
    $("tips").replaceChildren(...a.tips.map((t) => el("li", { class: "tip" },
      el("span", { text: t.text }), t.why ? el("span", { class: "why", text: t.why }) : "")));
  }

  async function analyse() {
    const body = { customer: customer.value, reply: reply.value || null };
    const key = JSON.stringify(body);
    if (!customer.value.trim()) {
      $("insights").hidden = true;
      $("suggest-box").hidden = true;
      $("review-box").hidden = true;
      $("customer-view").textContent = "";
      $("reply-view").textContent = "";
      setStatus(reply.value.trim() ? "Paste the customer's message to analyse your reply against it." : "");
      return;
    }
    if (key === lastKey) return;
    if (inflight) inflight.abort();
    inflight = new AbortController();
    setStatus("Analysing…");
    const started = performance.now();
    try {
      const res = await api("/v1/analyze", body, inflight.signal);
      if (!res.ok) { setStatus(errorMessage(res), true); return; }
      lastKey = key;
      lastAnalysis = res.data;
      render(res.data);
      showReview(res.data, body);
      root.dataset.analysed = String(Number(root.dataset.analysed || 0) + 1);
      setStatus(`Analysed in ${Math.round(performance.now() - started)} ms`);
      if (hasSuggest && reply.value.trim()) suggestSoon(); else $("suggest-box").hidden = true;
    } catch (err) {
      if (err.name !== "AbortError") setStatus("Could not reach the server.", true);
    }
  }

  // Review: the verdicts answer a stored turn, so the exchange is saved (once) with the first verdict.
  function showReview(analysis, body) {
    const box = $("review-box");
    box.hidden = !body.reply;
    if (!body.reply) return;
    let saved = null;
    $("review-saved").hidden = true;
    EmpathicReview.panel($("assist-review"), {
      analysis,
      heading: false,
      emotions: ($("assist-review").dataset.emotions || "").split(" ").filter(Boolean),
      replyView: $("reply-view"),
      reviews: [],
      target: async () => {
        if (saved) return saved;
        const res = await api("/v1/analyze", { ...body, save: true });
        const where = res.ok ? res.headers.get("X-Empathic-Saved") : null;
        if (!where) { setStatus(res.ok ? "The exchange could not be saved for review." : errorMessage(res), true); return null; }
        const cut = where.lastIndexOf("/");
        saved = { conversation_id: where.slice(0, cut), turn_index: Number(where.slice(cut + 1)) };
        const link = $("review-saved");
        link.replaceChildren("Saved for review as ", el("a", {
          href: `/dashboard/conversations/${encodeURIComponent(saved.conversation_id)}#turn-${saved.turn_index}`,
          text: `conversation ${saved.conversation_id}` }), ".");
        link.hidden = false;
        return saved;
      },
    });
  }

  async function fetchSuggestions() {
    if (suggestInflight) suggestInflight.abort();
    suggestInflight = new AbortController();
    try {
      const body = { customer: customer.value, reply: reply.value || null };
      if (agentId()) body.agent_id = agentId();
      const res = await api("/v1/suggest", body, suggestInflight.signal);
      if (!res.ok) { $("suggest-box").hidden = true; return; }
      // Strategies the reply lacks come first; two sentences per strategy are plenty to choose from.
      const used = new Set(lastAnalysis ? lastAnalysis.strategies : []);
      const perStrategy = {};
      const items = res.data.suggestions.filter((s) => s.text)
        .sort((x, y) => Number(used.has(x.strategy)) - Number(used.has(y.strategy)))
        .filter((s) => (perStrategy[s.strategy] = (perStrategy[s.strategy] || 0) + 1) <= 2);
      $("suggest-box").hidden = items.length === 0;
      $("suggestions").replaceChildren(...items.map((s) => {
        const btn = el("button", { type: "button", class: "small secondary", "aria-label": `Insert: ${s.text}` }, "Insert");
        btn.addEventListener("click", () => insert(s.text));
        const from = s.source === "my stories" ? " · from your stories" : "";
        const meta = s.strategy ? el("span", { class: "small muted", text: ` ${label(s.strategy)}${from}` }) : "";
        // The note travels with the sentence (a relating frame is for a true story only).
        const note = s.note ? el("span", { class: "small muted note", text: s.note }) : "";
        return el("li", { class: `suggestion source-${s.source.replace(/\s+/g, "-")}` }, el("p", {}, s.text, meta, note), btn);
      }));
    } catch (err) { if (err.name !== "AbortError") $("suggest-box").hidden = true; }
  }
  const suggestSoon = debounce(fetchSuggestions, 600);

  function insert(text) {
    // Insert at the caret when the reply box had focus last, else at the start (empathy usually leads).
    const pos = reply.selectionStart ?? 0;
    const before = reply.value.slice(0, pos), after = reply.value.slice(pos);
    const sepBefore = before && !/\s$/.test(before) ? " " : "";
    const sepAfter = after && !/^\s/.test(after) ? " " : "";
    reply.value = before + sepBefore + text + sepAfter + after;
    reply.focus();
    const caret = (before + sepBefore + text).length;
    reply.setSelectionRange(caret, caret);
    counts();
    analyseSoon.now();
  }

  // ---- My stories: the agent's own true stories, kept per agent id in the server's store (/v1/stories). ----
  const AGENT_KEY = "empathic.agent_id";
  const agentInput = $("agent-id"), storyText = $("story-text"), storyTopics = $("story-topics");
  const storyStatus = $("story-status");
  let editing = null;

  function agentId() {
    const v = (agentInput.value || "").trim();
    return /^[A-Za-z0-9_.:@-]+$/.test(v) ? v : "";
  }

  function setStoryStatus(text, isError) {
    storyStatus.textContent = text;
    storyStatus.classList.toggle("error", Boolean(isError));
  }

  function resetStoryForm() {
    editing = null;
    storyText.value = ""; storyTopics.value = "";
    $("story-form-h").textContent = "Add a story";
    $("story-save").textContent = "Add story";
    $("story-cancel").hidden = true;
  }

  function editStory(story) {
    editing = story.id;
    storyText.value = story.text;
    storyTopics.value = story.topics.join(", ");
    $("story-form-h").textContent = "Edit the story";
    $("story-save").textContent = "Save story";
    $("story-cancel").hidden = false;
    storyText.focus();
  }

  async function deleteStory(story) {
    const res = await api(`/v1/stories/${encodeURIComponent(story.id)}?agent_id=${encodeURIComponent(agentId())}`, undefined, undefined, "DELETE");
    if (!res.ok) { setStoryStatus(errorMessage(res), true); return; }
    if (editing === story.id) resetStoryForm();
    setStoryStatus("Story deleted.");
    await loadStories();
  }

  async function loadStories() {
    const id = agentId();
    $("stories-panel").hidden = !id;
    if (!id) return;
    const res = await api(`/v1/stories?agent_id=${encodeURIComponent(id)}`);
    if (!res.ok) { setStoryStatus(errorMessage(res), true); return; }
    const stories = res.data.stories;
    $("stories-empty").hidden = stories.length > 0;
    $("stories").replaceChildren(...stories.map((story) => {
      const edit = el("button", { type: "button", class: "small secondary", "aria-label": `Edit story: ${story.text}` }, "Edit");
      edit.addEventListener("click", () => editStory(story));
      const del = el("button", { type: "button", class: "small secondary", "aria-label": `Delete story: ${story.text}` }, "Delete");
      del.addEventListener("click", () => deleteStory(story));
      const topics = story.topics.length ? el("span", { class: "small muted note", text: `Topics: ${story.topics.join(", ")}` }) : "";
      return el("li", { class: "story", "data-id": story.id }, el("p", {}, story.text, topics), edit, del);
    }));
    root.dataset.stories = String(stories.length);
  }

  $("agent-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    if (!agentId()) { setStoryStatus("Your agent id: letters, digits and _ . : @ - only.", true); return; }
    try { window.localStorage.setItem(AGENT_KEY, agentId()); } catch (e) { /* private mode: kept for this page only */ }
    setStoryStatus("");
    resetStoryForm();
    await loadStories();
    if (hasSuggest && reply.value.trim() && customer.value.trim()) fetchSuggestions();
  });
  $("story-cancel").addEventListener("click", () => { resetStoryForm(); setStoryStatus(""); });
  $("story-form").addEventListener("submit", async (event) => {
    event.preventDefault();
    const topics = storyTopics.value.split(",").map((t) => t.trim()).filter(Boolean);
    const body = { agent_id: agentId(), text: storyText.value, topics };
    const res = editing
      ? await api(`/v1/stories/${encodeURIComponent(editing)}`, body, undefined, "PUT")
      : await api("/v1/stories", body);
    if (!res.ok) { setStoryStatus(errorMessage(res), true); return; }
    setStoryStatus(editing ? "Story saved." : "Story added.");
    resetStoryForm();
    await loadStories();
    // A new or changed story may fit the customer in front of the agent now.
    if (hasSuggest && reply.value.trim() && customer.value.trim()) fetchSuggestions();
  });
  try { agentInput.value = window.localStorage.getItem(AGENT_KEY) || ""; } catch (e) { agentInput.value = ""; }
  if (agentId()) loadStories();

  const analyseSoon = debounce(analyse, 250);
  for (const box of [customer, reply]) {
    box.addEventListener("input", () => { counts(); analyseSoon(); });
    box.addEventListener("keydown", (e) => { if (e.key === "Enter" && (e.ctrlKey || e.metaKey)) { e.preventDefault(); lastKey = ""; analyseSoon.now(); } });
  }
  $("example-btn").addEventListener("click", () => {
    const ex = EXAMPLES[exampleIndex++ % EXAMPLES.length];
    customer.value = ex.customer;
    reply.value = ex.reply;
    counts();
    analyseSoon.now();
  });
  $("clear-btn").addEventListener("click", () => {
    customer.value = ""; reply.value = ""; lastKey = ""; counts(); analyseSoon.now(); customer.focus();
  });
  EmpathicReview.nameBox();
  counts();
  if (customer.value.trim()) analyseSoon.now();
})();
