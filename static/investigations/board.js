/* Drag and drop on the task board: SortableJS moves the card in the page, then one
   fetch() asks the server to make the same move. The server has the last word: if
   it refuses (someone moved or edited the card first), the page reloads and shows
   the board as it is. Without JavaScript the ↑ ↓ ← → buttons do the same moves. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || board.dataset.canMove !== "1" || typeof Sortable === "undefined") {
    return;
  }
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  var texts = JSON.parse(document.getElementById("board-messages").textContent);
  var status = document.getElementById("board-status");

  function move(event) {
    var card = event.item;
    var body = new URLSearchParams();
    body.set("column", event.to.dataset.columnId);
    body.set("index", String(event.newIndex));
    body.set("version", card.dataset.version);
    board.setAttribute("aria-busy", "true");
    fetch(card.dataset.moveUrl, {
      method: "POST",
      headers: { "X-CSRFToken": csrf, Accept: "application/json" },
      body: body,
      credentials: "same-origin",
    })
      .then(function (response) {
        return response.json().then(function (data) {
          return { ok: response.ok, data: data };
        });
      })
      .then(function (result) {
        board.removeAttribute("aria-busy");
        if (!result.ok) {
          throw new Error(result.data.error || texts.failed);
        }
        card.dataset.version = String(result.data.version);
        var hidden = card.querySelector("input[name=version]");
        if (hidden) { hidden.value = String(result.data.version); }
        status.textContent = texts.moved;
        board.dataset.lastMoved = card.dataset.taskId + ":" + result.data.version;
      })
      .catch(function (error) {
        status.textContent = error.message || texts.failed;
        window.alert(error.message || texts.failed);
        window.location.reload();
      });
  }

  board.querySelectorAll(".board-column__cards").forEach(function (list) {
    Sortable.create(list, {
      group: "board",
      animation: 120,
      // Pointer events instead of native HTML5 drag: the same on touch screens,
      // mouse and in browser tests.
      forceFallback: true,
      filter: "button, input, select",
      preventOnFilter: false,
      onEnd: function (event) {
        if (event.from === event.to && event.oldIndex === event.newIndex) { return; }
        move(event);
      },
    });
  });
})();
