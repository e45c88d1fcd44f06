// The agent filter applies as soon as an agent is picked (without scripts, its Show button does it).
"use strict";
(function () {
  const select = document.getElementById("agent-filter");
  if (select) select.addEventListener("change", () => select.form.submit());
})();
