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
      window.location.assign(form.dataset.next || "/assist");
    } else {
      const data = await res.json().catch(() => ({}));
      status.textContent = (data.error && data.error.message) || "Sign-in failed.";
      status.classList.add("error");
    }
  });
})();
