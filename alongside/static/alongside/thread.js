// The message thread without reloads: every few seconds, ask the page's small JSON
// endpoint for what is new (messages after the last one shown, edits and deletions, how
// far the other member has read) and put the server-rendered, escaped HTML in place.
// While the page is visible, what arrived is marked read. Without this script the page
// still works: forms post and redirect, and "Mark as read" is a button.
(function () {
  var list = document.getElementById("thread");
  if (!list || !list.dataset.updates) return;
  var last = parseInt(list.dataset.last, 10) || 0;
  var since = list.dataset.since;
  var every = (parseInt(list.dataset.poll, 10) || 3) * 1000;
  var status = document.getElementById("thread-status");
  var receipt = document.getElementById("thread-receipt");
  var markForm = document.getElementById("thread-mark-read");
  var token = document.querySelector("input[name=csrfmiddlewaretoken]");
  var busy = false;

  function place(item) {
    var holder = document.createElement("div");
    holder.innerHTML = item.html.trim();
    var node = holder.firstElementChild;
    var old = document.getElementById("m-" + item.seq);
    if (old) {
      if (old.querySelector("details[open]") && node.querySelector("details")) {
        node.querySelector("details").open = true;
      }
      old.replaceWith(node);
      return false;
    }
    // Keep the thread's one order, whatever order the answers came in.
    var next = null;
    list.querySelectorAll("li[data-seq]").forEach(function (li) {
      if (!next && parseInt(li.dataset.seq, 10) > item.seq) next = li;
    });
    list.insertBefore(node, next);
    var empty = document.getElementById("thread-empty");
    if (empty) empty.remove();
    return !node.classList.contains("mine");
  }

  function markRead() {
    if (document.visibilityState !== "visible" || !token) return;
    var body = new FormData();
    body.append("up_to", String(last));
    fetch(list.dataset.read, {
      method: "POST",
      body: body,
      credentials: "same-origin",
      headers: { "X-CSRFToken": token.value, "X-Requested-With": "fetch" },
    }).then(function () {
      if (markForm) markForm.remove();
    }).catch(function () {});
  }

  function poll() {
    if (busy) return;
    busy = true;
    var url = list.dataset.updates + "?after=" + last + "&since=" + encodeURIComponent(since);
    fetch(url, { credentials: "same-origin", headers: { Accept: "application/json" } })
      .then(function (response) {
        if (!response.ok) throw new Error(response.status);
        return response.json();
      })
      .then(function (data) {
        var fromOther = 0;
        data.items.forEach(function (item) {
          if (place(item)) fromOther += 1;
        });
        last = Math.max(last, data.last);
        since = data.now;
        if (receipt) receipt.innerHTML = data.receipt;
        if (fromOther) {
          status.textContent = fromOther === 1 ? "1 new message" : fromOther + " new messages";
          markRead();
        }
      })
      .catch(function () {})
      .then(function () {
        busy = false;
        window.setTimeout(poll, every);
      });
  }

  document.addEventListener("visibilitychange", function () {
    if (document.visibilityState === "visible" && markForm) markRead();
  });
  if (markForm) markRead();
  window.setTimeout(poll, every);
})();
