// Copy buttons: shown only where this script runs (the address can always be selected by
// hand); the result is announced in the status line beside the field.
document.querySelectorAll("[data-copy]").forEach(function (button) {
  var field = document.getElementById(button.dataset.copy);
  var status = document.querySelector('[data-copied-for="' + button.dataset.copy + '"]');
  if (!field) { return; }
  button.hidden = false;
  button.addEventListener("click", function () {
    field.select();
    var done = function (ok) { if (status) { status.textContent = ok ? "Copied." : "Select the address and copy it."; } };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(field.value).then(function () { done(true); }, function () { done(false); });
    } else {
      try { done(document.execCommand("copy")); } catch (e) { done(false); }
    }
  });
});
