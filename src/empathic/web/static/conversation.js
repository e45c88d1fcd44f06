// Conversation drill-down: the review controls of every agent turn, with the reviewer's own verdicts.
"use strict";
(async function () {
  const { el } = window.Empathic;
  const page = document.getElementById("conversation");
  if (!page) return;
  const conversationId = page.dataset.conversation;
  const emotions = (page.dataset.emotions || "").split(" ").filter(Boolean);
  const panels = new Map();
  for (const box of document.querySelectorAll(".review[data-turn]")) {
    const turn = Number(box.dataset.turn);
    const analysis = JSON.parse(box.dataset.analysis);
    panels.set(turn, EmpathicReview.panel(box, {
      analysis,
      emotions,
      replyView: document.getElementById(box.dataset.reply),
      target: async () => ({ conversation_id: conversationId, turn_index: turn }),
    }));
  }
  const status = document.getElementById("reviewer-status");

  /** Draw the reviewer's own verdicts (none until the server knows who reviews). */
  async function load() {
    let byTurn = new Map();
    if (!EmpathicReview.needsName()) {
      const loaded = await EmpathicReview.ownReviews(conversationId);
      if (loaded.error) { status.replaceChildren(el("span", { class: "error", text: `Your reviews could not be loaded: ${loaded.error}` })); return; }
      byTurn = loaded.byTurn;
    } else {
      status.textContent = "Enter your name to review.";
    }
    for (const [turn, panel] of panels) panel.show(byTurn.get(turn) || []);
    page.dataset.reviewsLoaded = "true";
  }
  EmpathicReview.nameBox(() => { page.dataset.reviewsLoaded = "false"; load(); });
  await load();
  // "Review next" links to a turn: bring it into view once its verdicts are drawn.
  if (location.hash.startsWith("#turn-")) {
    const target = document.querySelector(location.hash);
    if (target) target.scrollIntoView();
  }
})();
