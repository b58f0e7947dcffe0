// Open a FAQ answer when the address points at it (#question-id), on load and on hash change,
// so a link to one question shows its answer; and open every answer before printing, so a
// printed FAQ has them all. Without JavaScript the questions are still there to open.
(function () {
  function openTarget() {
    var id;
    try {
      id = decodeURIComponent(window.location.hash.slice(1));
    } catch (error) {
      return; // a malformed address such as #%E0 names no question
    }
    if (!id) return;
    var target = document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  window.addEventListener("beforeprint", function () {
    document.querySelectorAll("details").forEach(function (details) {
      details.open = true;
    });
  });
  openTarget();
})();
