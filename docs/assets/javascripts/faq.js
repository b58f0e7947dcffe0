// Open a FAQ answer when the address points at it (#question-id), on load and on hash change,
// so a link to one question shows its answer. Without JavaScript the question is still there.
(function () {
  function openTarget() {
    var id = decodeURIComponent(window.location.hash.slice(1));
    if (!id) return;
    var target = document.getElementById(id);
    if (target && target.tagName === "DETAILS") target.open = true;
  }
  window.addEventListener("hashchange", openTarget);
  openTarget();
})();
