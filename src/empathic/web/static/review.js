// Reviews: a QA reviewer confirms or rejects what the analyzer found in one agent turn, adds a strategy
// span it missed, corrects the customer's feelings and self-criticism, and comments. Every verdict is a
// review of /v1/reviews carrying the evidence ids of the item it answers; the reviewer's own verdicts come
// back on reload and can be changed or undone. Used by the conversation drill-down and by Assist.
"use strict";
window.EmpathicReview = (function () {
  const { api, errorMessage, label, el } = window.Empathic;
  const STRATEGIES = ["relating_experience", "reflecting_emotion", "normalizing"];
  const VERDICT_TEXT = { confirm: "You confirmed this", reject: "You rejected this", correct: "You corrected this" };
  // The reviewer's name travels in a cookie, so the API and the server-drawn pages (the queue) both know it.
  const COOKIE = "empathic_reviewer";
  const NAME = /^[\p{L}\p{N}_ .@'-]{1,64}$/u;

  /** The reviewer's name ("" when none is set). */
  function reviewerName() {
    const found = document.cookie.split("; ").find((c) => c.startsWith(`${COOKIE}=`));
    try { return found ? decodeURIComponent(found.slice(COOKIE.length + 1)) : ""; } catch (e) { return ""; }
  }

  /** True when the server needs a name to know who reviews (no API keys) and none is set. */
  function needsName() {
    return document.body.dataset.auth !== "required" && !reviewerName();
  }

  /** Wire the "Reviewing as" box: a valid name is kept in the cookie and `changed` runs. */
  function nameBox(changed) {
    const box = document.getElementById("reviewer-name");
    const status = document.getElementById("reviewer-status");
    if (!box) return;
    if (!box.value) box.value = reviewerName();
    box.addEventListener("change", () => {
      const name = box.value.trim();
      if (name && !NAME.test(name)) {
        status.textContent = "Use 1 to 64 letters, digits, spaces or . @ ' - _";
        return;
      }
      document.cookie = `${COOKIE}=${encodeURIComponent(name)}; path=/; max-age=${name ? 31536000 : 0}; SameSite=Strict`;
      status.textContent = name ? "Saved: your verdicts are shown." : "";
      if (changed) changed(name);
    });
  }

  function askForName() {
    const box = document.getElementById("reviewer-name");
    if (box) { box.focus(); box.scrollIntoView({ block: "center" }); }
  }

  /** The ids of an item's evidence chain: what the review answers. */
  function evidenceIds(evidence) {
    return Array.from(new Set((evidence || []).map((e) => e.id)));
  }

  /** The identity of the item a review answers: one own verdict per item (the store keys reviews alike). */
  function itemKey(item, lbl, span) {
    if (item === "emotion") return `emotion|${lbl}`;
    if (item === "self_criticism") lbl = "";
    return [item, lbl || "", span ? `${span[0]}:${span[1]}` : ""].join("|");
  }

  function spanOf(r) {
    if (!r.span) return null;
    return Array.isArray(r.span) ? r.span : [r.span.start, r.span.end];
  }

  function listOf(data) {
    if (Array.isArray(data)) return data;
    return (data && (data.reviews || data.items)) || [];
  }

  /** Character offsets of the current selection inside `container` (whose text is the reply), or null. */
  function selectionIn(container) {
    const sel = window.getSelection();
    if (!sel || sel.rangeCount === 0 || sel.isCollapsed) return null;
    const range = sel.getRangeAt(0);
    if (!container.contains(range.startContainer) || !container.contains(range.endContainer)) return null;
    const before = document.createRange();
    before.selectNodeContents(container);
    before.setEnd(range.startContainer, range.startOffset);
    const start = before.toString().length;
    const end = start + range.toString().length;
    return end > start ? [start, end] : null;
  }

  /** The span of `words` in `text`: the selection when it holds them, else their first occurrence. */
  function locate(text, words, selected) {
    const wanted = words.trim();
    if (!wanted) return null;
    if (selected && text.slice(selected[0], selected[1]).trim() === wanted) {
      const lead = text.slice(selected[0], selected[1]).indexOf(wanted);
      return [selected[0] + lead, selected[0] + lead + wanted.length];
    }
    const at = text.indexOf(wanted);
    return at < 0 ? null : [at, at + wanted.length];
  }

  /**
   * Fill `root` with the review controls of one analysed turn.
   * opts: {analysis, target: async () => ({conversation_id, turn_index}) | null, replyView, emotions: [...],
   *        reviews: own reviews of this turn (or undefined: loaded by the caller later with `show`)}
   */
  function panel(root, opts) {
    const a = opts.analysis;
    const reply = (a.exchange && a.exchange.reply) || "";
    const customerText = (a.exchange && a.exchange.customer) || "";
    const rows = new Map(); // item key -> {update(review|null)}
    const own = new Map(); // item key -> review (verdicts on shown items)
    const extras = []; // reviews that add something (missed spans, feelings, comments)
    const status = el("p", { class: "review-status small", role: "status", "aria-live": "polite" });
    const addedList = el("ul", { class: "list review-added", "aria-label": "What you added" });
    let lastSelection = null;

    function say(text, isError) {
      status.textContent = text;
      status.classList.toggle("error", Boolean(isError));
    }

    async function send(review) {
      if (needsName()) { say("Enter your name under “Reviewing as” first.", true); askForName(); return null; }
      const target = await opts.target();
      if (!target) return null;
      const res = await api("/v1/reviews", { ...target, ...review });
      if (!res.ok) { say(errorMessage(res), true); return null; }
      const saved = listOf(res.data)[0] || (res.data && res.data.review) || res.data;
      root.dataset.saved = String(Number(root.dataset.saved || 0) + 1);
      return saved;
    }

    async function remove(review) {
      const res = await api(`/v1/reviews/${encodeURIComponent(review.id)}`, undefined, undefined, "DELETE");
      if (!res.ok && res.status !== 404) { say(errorMessage(res), true); return false; }
      root.dataset.saved = String(Number(root.dataset.saved || 0) + 1);
      return true;
    }

    // ---- verdicts on what the analyzer found ----
    function verdictRow(item, lbl, span, evidence, caption, quote, otherLabels) {
      const key = itemKey(item, lbl, span);
      const what = quote ? `${caption}: “${quote}”` : caption;
      const confirm = el("button", { type: "button", class: "small secondary verdict confirm", "aria-pressed": "false",
        "aria-label": `Confirm ${what}`, "data-verdict": "confirm" }, "✓ Confirm");
      const reject = el("button", { type: "button", class: "small secondary verdict reject", "aria-pressed": "false",
        "aria-label": `Reject ${what}`, "data-verdict": "reject" }, "✗ Reject");
      const state = el("span", { class: "review-state small muted" });
      const actions = el("span", { class: "review-actions", role: "group", "aria-label": `Your verdict on ${what}` }, confirm, reject);
      let select = null;
      if (otherLabels && otherLabels.length) {
        select = el("select", { class: "small", "aria-label": `It is another strategy: ${what}` },
          el("option", { value: "" }, "another strategy…"),
          ...otherLabels.map((o) => el("option", { value: o }, label(o))));
        actions.append(select);
      }
      const row = el("li", { class: "review-item", "data-item": item, "data-label": lbl || "", "data-key": key },
        el("span", { class: `chip ${item === "finding" ? lbl : item === "pitfall" ? "pitfall" : "feeling"}` }, caption),
        quote ? el("q", { class: "review-quote", text: quote }) : "",
        actions, state);

      function update(review) {
        const verdict = review ? review.verdict : null;
        confirm.setAttribute("aria-pressed", String(verdict === "confirm"));
        reject.setAttribute("aria-pressed", String(verdict === "reject"));
        if (select) select.value = verdict === "correct" && review.label ? review.label : "";
        row.dataset.verdict = verdict || "";
        state.textContent = !verdict ? ""
          : verdict === "correct" ? `${VERDICT_TEXT.correct}: it is ${label(review.label)}`
          : `${VERDICT_TEXT[verdict]} · press it again to undo`;
      }

      async function choose(verdict, newLabel) {
        const previous = own.get(key);
        // Pressing the verdict already given (or "another strategy…" back) undoes it; another verdict
        // replaces it (the store keeps one verdict per reviewer and item).
        if (verdict === "correct" && !newLabel && !(previous && previous.verdict === "correct")) return;
        const undo = verdict === "correct" ? !newLabel : previous && previous.verdict === verdict;
        if (undo) {
          if (previous && !(await remove(previous))) return;
          own.delete(key);
          update(null);
          say(previous ? "Verdict undone." : "");
          return;
        }
        const saved = await send({ item, label: verdict === "correct" ? newLabel : lbl, span, verdict,
          evidence_ids: evidence, comment: null });
        if (!saved) { update(previous || null); return; }
        own.set(key, saved);
        update(saved);
        say("Saved.");
      }
      confirm.addEventListener("click", () => choose("confirm"));
      reject.addEventListener("click", () => choose("reject"));
      if (select) select.addEventListener("change", () => choose("correct", select.value));
      rows.set(key, { update, item, span });
      return row;
    }

    // ---- additions: missed spans, feelings the tool missed, self-criticism it missed, comments ----
    function describe(r) {
      const span = spanOf(r);
      if (r.item === "missed_span") return `Missed ${label(r.label)}: “${span ? reply.slice(span[0], span[1]) : ""}”`;
      if (r.item === "emotion") return `The customer also feels ${String(r.label || "").replace(/_/g, " ")}`;
      if (r.item === "self_criticism") return `Self-critical${span ? `: “${customerText.slice(span[0], span[1])}”` : ""}`;
      if (r.item === "comment") return `Comment: ${r.comment || ""}`;
      return label(r.item);
    }

    function showAdded() {
      addedList.replaceChildren(...extras.map((r) => {
        const undo = el("button", { type: "button", class: "small secondary", "aria-label": `Undo: ${describe(r)}` }, "Undo");
        undo.addEventListener("click", async () => {
          if (!(await remove(r))) return;
          extras.splice(extras.indexOf(r), 1);
          showAdded();
          say("Removed.");
        });
        return el("li", { class: "review-added-item", "data-item": r.item }, el("span", { text: describe(r) }), undo);
      }));
      addedList.hidden = extras.length === 0;
    }

    async function add(review) {
      const saved = await send(review);
      if (!saved) return false;
      // The store keeps one review per item (one comment per turn): a repeat replaces the earlier one.
      const same = extras.findIndex((r) => r.id === saved.id);
      if (same >= 0) extras.splice(same, 1);
      extras.push(saved);
      showAdded();
      say("Saved.");
      return true;
    }

    // ---- layout ----
    const findings = a.findings || [];
    const pitfalls = (a.pitfalls || []);
    const found = el("ul", { class: "list review-list", "aria-label": "Strategies and pitfalls found" },
      ...findings.map((f) => verdictRow("finding", f.strategy, [f.start, f.end], evidenceIds(f.evidence), label(f.strategy),
        f.text, STRATEGIES.filter((s) => s !== f.strategy))),
      ...pitfalls.map((p) => verdictRow("pitfall", p.kind, p.start === null ? null : [p.start, p.end],
        evidenceIds(p.evidence), label(p.kind), p.text || "")));
    const nothingFound = findings.length + pitfalls.length === 0
      ? el("p", { class: "empty-note small", text: "The analyzer found no strategy and no pitfall in this reply." }) : "";

    // Missed strategy span: select words in the reply (or type them), pick the strategy.
    const words = el("input", { type: "text", class: "review-words", "aria-label": "Words of the reply the analyzer missed",
      placeholder: "select words in the reply, or type them" });
    const strategy = el("select", { "aria-label": "Strategy of the missed words" },
      ...STRATEGIES.map((s) => el("option", { value: s }, label(s))));
    const addSpan = el("button", { type: "button", class: "small" }, "Add missed span");
    if (opts.replyView) {
      const view = opts.replyView;
      // Selecting words in the reply fills the box; the listener is set once per view (Assist redraws the panel).
      view.reviewGrab = () => {
        const s = selectionIn(view);
        if (s) { lastSelection = s; words.value = reply.slice(s[0], s[1]); }
      };
      if (!view.dataset.reviewListening) {
        view.dataset.reviewListening = "true";
        document.addEventListener("selectionchange", () => { if (view.reviewGrab && selectionIn(view)) view.reviewGrab(); });
      }
    }
    addSpan.addEventListener("click", async () => {
      const span = locate(reply, words.value, lastSelection);
      if (!span) { say(words.value.trim() ? "Those words are not in the reply: select them in the reply above." : "Select the words in the reply first.", true); return; }
      if (await add({ item: "missed_span", label: strategy.value, span, verdict: "add", evidence_ids: [], comment: null })) {
        words.value = ""; lastSelection = null;
      }
    });
    const missed = el("div", { class: "review-missed" },
      el("h4", { text: "Missed a strategy?" }),
      el("div", { class: "review-form" }, words, strategy, addSpan));

    // The customer: each feeling the analyzer read, self-criticism, and feelings it missed.
    const c = a.customer || {};
    const feelings = c.emotions || [];
    const selfSpans = c.self_criticism || [];
    const selfEvidence = evidenceIds((c.emotions || []).flatMap((e) => e.evidence || []).filter((e) => /self_criticism/.test(e.id)));
    const customerList = el("ul", { class: "list review-list", "aria-label": "The customer's feelings as read" },
      ...feelings.map((e) => verdictRow("emotion", e.label, null, evidenceIds(e.evidence), label(e.label), "")),
      ...selfSpans.map((s) => verdictRow("self_criticism", null, [s.start, s.end], selfEvidence, "Self-critical", s.text)));
    const feeling = el("select", { "aria-label": "A feeling the analyzer missed" },
      ...(opts.emotions || []).filter((x) => x !== "neutral" && !feelings.some((e) => e.label === x))
        .map((x) => el("option", { value: x }, label(x))));
    const addFeeling = el("button", { type: "button", class: "small" }, "Add feeling");
    addFeeling.addEventListener("click", () => add({ item: "emotion", label: feeling.value, span: null, verdict: "add",
      evidence_ids: [], comment: null }));
    const customerForm = el("div", { class: "review-form" }, feeling, addFeeling);
    if (!selfSpans.length) {
      const addSelf = el("button", { type: "button", class: "small secondary" }, "Customer is self-critical");
      addSelf.addEventListener("click", () => add({ item: "self_criticism", label: null, span: null, verdict: "add",
        evidence_ids: selfEvidence, comment: null }));
      customerForm.append(addSelf);
    }

    const comment = el("textarea", { class: "review-comment", rows: "2", maxlength: "2000", "aria-label": "Comment on this turn",
      placeholder: "A note for the team (optional)" });
    const addComment = el("button", { type: "button", class: "small" }, "Save comment");
    addComment.addEventListener("click", async () => {
      if (!comment.value.trim()) { say("Write the comment first.", true); comment.focus(); return; }
      if (await add({ item: "comment", label: null, span: null, verdict: "add", evidence_ids: [], comment: comment.value.trim() })) comment.value = "";
    });

    // "The rest is right": what the reviewer did not mark counts as confirmed (without it, unknown).
    const doneKey = itemKey("turn", null, null);
    const done = el("button", { type: "button", class: "small secondary verdict confirm review-done", "aria-pressed": "false" },
      "✓ Checked: the rest is right");
    const doneState = el("span", { class: "review-state small muted" });
    rows.set(doneKey, {
      item: "turn", span: null,
      update(review) {
        done.setAttribute("aria-pressed", String(Boolean(review)));
        doneState.textContent = review ? "Turn checked: what you did not mark counts as right · press again to undo" : "";
      },
    });
    done.addEventListener("click", async () => {
      const previous = own.get(doneKey);
      if (previous) {
        if (!(await remove(previous))) return;
        own.delete(doneKey);
        rows.get(doneKey).update(null);
        say("Verdict undone.");
        return;
      }
      const saved = await send({ item: "turn", label: null, span: null, verdict: "confirm", evidence_ids: [], comment: null });
      if (!saved) return;
      own.set(doneKey, saved);
      rows.get(doneKey).update(saved);
      say("Saved.");
    });

    root.replaceChildren(
      opts.heading === false ? "" : el("h3", { text: "Review" }),
      el("div", { class: "review-grid" },
        el("div", {}, el("h4", { text: "In the reply" }), found, nothingFound, missed),
        el("div", {}, el("h4", { text: "The customer" }), customerList, customerForm,
          el("h4", { text: "Comment" }), el("div", { class: "review-form" }, comment, addComment))),
      addedList, el("div", { class: "review-form review-finish" }, done, doneState), status);
    addedList.hidden = true;

    /** Show the reviewer's own reviews of this turn. */
    function show(reviews) {
      own.clear();
      extras.length = 0;
      for (const r of reviews) {
        const span = spanOf(r);
        // A correction names the right label: it belongs to the row of the finding at its span.
        const k = r.verdict === "correct"
          ? Array.from(rows.keys()).find((x) => rows.get(x).item === r.item && String(rows.get(x).span) === String(span))
          : itemKey(r.item, r.label, span);
        if (r.verdict !== "add" && k && rows.has(k)) own.set(k, r);
        else extras.push(r);
      }
      for (const [k, row] of rows) row.update(own.get(k) || null);
      showAdded();
      root.dataset.loaded = "true";
    }
    if (opts.reviews) show(opts.reviews);
    return { show };
  }

  /** The reviewer's own reviews of a conversation, by turn index. */
  async function ownReviews(conversationId) {
    const res = await api(`/v1/reviews?conversation_id=${encodeURIComponent(conversationId)}`);
    if (!res.ok) return { error: errorMessage(res) };
    const byTurn = new Map();
    for (const r of listOf(res.data)) {
      if (r.conversation_id !== conversationId) continue;
      if (!byTurn.has(r.turn_index)) byTurn.set(r.turn_index, []);
      byTurn.get(r.turn_index).push(r);
    }
    return { byTurn };
  }

  return { panel, ownReviews, selectionIn, locate, reviewerName, needsName, nameBox };
})();
