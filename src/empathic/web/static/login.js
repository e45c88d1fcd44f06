// Exchange an API key for a same-site cookie, then go back to the page that asked for it.
"use strict";
(function () {
  const form = document.getElementById("login-form");
  const status = document.getElementById("login-status");
  form.addEventListener("submit", async (event) => {
    event.preventDefault();
    status.textContent = "Checking…";
    status.classList.remove("error");
    const res = await fetch("/login", {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ key: document.getElementById("key").value }),
    });
    if (res.ok) {
      // The server only renders local paths into data-next; this second check keeps the page safe on its own.
      const next = new URL(form.dataset.next || "/assist", window.location.origin);
      window.location.assign(next.origin === window.location.origin ? next.pathname + next.search + next.hash : "/assist");
    } else {
      const data = await res.json().catch(() => ({}));
      status.textContent = (data.error && data.error.message) || "Sign-in failed.";
      status.classList.add("error");
    }
  });
})();
