// Sign-up: choose the browser's own time zone in the list, when the list has it.
document.querySelectorAll("select[data-browser-timezone]").forEach(function (select) {
  var zone = "";
  try { zone = Intl.DateTimeFormat().resolvedOptions().timeZone || ""; } catch (e) { return; }
  var option = Array.prototype.find.call(select.options, function (o) { return o.value === zone; });
  if (option && !select.dataset.chosen) { option.selected = true; }
});
