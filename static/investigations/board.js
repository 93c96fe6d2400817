/* Moving cards on the task board. Drag and drop (SortableJS) and the ↑ ↓ ← → buttons
   move the card in the page, then one fetch() asks the server to make the same move.
   The server has the last word: if it refuses (someone moved or edited the card
   first), the page reloads and shows the board as it is.

   The buttons are drawn once (#card-move) and follow the focus: tabbing into a card
   puts them in it, named by their words and the card's title. Without JavaScript a
   card's own page has the move buttons. */
(function () {
  "use strict";
  var board = document.getElementById("board");
  if (!board || board.dataset.canMove !== "1" || typeof Sortable === "undefined") {
    return;
  }
  var csrf = document.querySelector("input[name=csrfmiddlewaretoken]").value;
  var texts = JSON.parse(document.getElementById("board-messages").textContent);
  var status = document.getElementById("board-status");
  var tools = document.getElementById("card-move");
  var lists = Array.prototype.slice.call(board.querySelectorAll(".board-column__cards"));

  function indexOf(card) {
    return Array.prototype.indexOf.call(card.parentNode.children, card);
  }

  // Tell the server; `done` runs once it agreed.
  function move(card, list, index, done) {
    var body = new URLSearchParams();
    body.set("column", list.dataset.columnId);
    body.set("index", String(index));
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
        status.textContent = texts.moved;
        board.dataset.lastMoved = card.dataset.taskId + ":" + result.data.version;
        if (done) { done(); }
      })
      .catch(function (error) {
        status.textContent = error.message || texts.failed;
        window.alert(error.message || texts.failed);
        window.location.reload();
      });
  }

  // A column's count in its heading and data-count follow the cards moved.
  function recount(list, change) {
    var count = Number(list.dataset.count) + change;
    list.dataset.count = String(count);
    var small = list.parentNode.querySelector(".board-column__name small");
    if (small) { small.textContent = "(" + count + ")"; }
  }

  // Show only the buttons that can move this card, and name them after it.
  function fit(card) {
    var list = card.parentNode;
    var column = lists.indexOf(list);
    var index = indexOf(card);
    var titleId = "task-" + card.dataset.taskId + "-title";
    var can = {
      up: index > 0,
      // Below the last card shown the column goes on: "show more" first.
      down: index + 1 < list.children.length,
      previous: column > 0,
      next: column + 1 < lists.length,
    };
    tools.querySelectorAll("button[data-move]").forEach(function (button) {
      var where = button.dataset.move;
      button.hidden = !can[where];
      button.setAttribute("aria-labelledby", "move-" + where + " " + titleId);
    });
  }

  function place(card) {
    if (tools.parentNode !== card) { card.appendChild(tools); }
    tools.hidden = false;
    fit(card);
  }

  board.addEventListener("focusin", function (event) {
    var card = event.target.closest(".card-task");
    if (card) { place(card); }
  });

  tools.addEventListener("click", function (event) {
    var button = event.target.closest("button[data-move]");
    if (!button) { return; }
    var card = tools.parentNode;
    var list = card.parentNode;
    var column = lists.indexOf(list);
    var where = button.dataset.move;
    var target = list;
    var index = 0;
    if (where === "up") {
      index = indexOf(card) - 1;
    } else if (where === "down") {
      index = indexOf(card) + 1;
    } else {
      target = lists[column + (where === "next" ? 1 : -1)];
    }
    move(card, target, index, function () {
      if (target !== list) {
        target.insertBefore(card, target.firstChild);
        recount(list, -1);
        recount(target, 1);
      } else if (where === "up") {
        list.insertBefore(card, card.previousElementSibling);
      } else {
        list.insertBefore(card, card.nextElementSibling.nextElementSibling);
      }
      fit(card);
      button.focus();
      if (button.hidden) { card.querySelector(".card-task__title").focus(); }
    });
  });

  lists.forEach(function (list) {
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
        if (event.from !== event.to) {
          recount(event.from, -1);
          recount(event.to, 1);
        }
        move(event.item, event.to, event.newIndex);
        if (tools.parentNode === event.item) { fit(event.item); }
      },
    });
  });
})();
