// A Print button for pages that print well (the progress report). It needs JavaScript,
// so it is shown only where this script runs; the policy allows no inline handler.
document.querySelectorAll("[data-print]").forEach(function (button) {
  button.hidden = false;
  button.addEventListener("click", function () {
    window.print();
  });
});
