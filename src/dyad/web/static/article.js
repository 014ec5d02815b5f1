// Article page: emphasise every piece of the record named in the URL's #fragment
// (an event's trigger and actors, a quote and its speaker, a mention).
(function () {
  "use strict";
  function focus() {
    document.querySelectorAll(".focus").forEach(function (el) { el.classList.remove("focus"); });
    var id = decodeURIComponent(location.hash.slice(1));
    if (!/^(ev|q|m)-\d+$/.test(id)) { return; }
    var parts = document.querySelectorAll('#article-text [data-ann~="' + id + '"]');
    parts.forEach(function (el) { el.classList.add("focus"); });
    var rec = document.getElementById("rec-" + id);
    if (rec) { rec.classList.add("focus"); }
    if (parts.length) { parts[0].scrollIntoView({block: "nearest"}); }
  }
  window.addEventListener("hashchange", focus);
  if (document.readyState === "loading") { document.addEventListener("DOMContentLoaded", focus); } else { focus(); }
})();
