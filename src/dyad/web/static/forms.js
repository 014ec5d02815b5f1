// Forms: a <select data-autosubmit> submits its form when it changes (the filters of the
// dyad page). Served from /static because the Content-Security-Policy allows no inline script.
(function () {
  "use strict";
  function wire() {
    document.querySelectorAll("select[data-autosubmit]").forEach(function (sel) {
      sel.addEventListener("change", function () { if (sel.form) { sel.form.submit(); } });
    });
  }
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", wire); } else { wire(); }
})();
