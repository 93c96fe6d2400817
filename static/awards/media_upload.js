// An entry's video or audio file, sent with tus-js-client (static/vendor/tus-js-client):
// progress, pause and resume, and resuming after a reload or a lost connection (the
// upload's address is kept in localStorage under the file's fingerprint). Without
// JavaScript the page says so and the draft's link field still works.
(function () {
  "use strict";

  var box = document.querySelector("[data-media-upload]");
  var textBlock = document.getElementById("media-upload-text");
  if (!box || !textBlock || !window.tus || !window.tus.isSupported) {
    return;
  }
  var text = JSON.parse(textBlock.textContent);
  var form = box.querySelector("[data-media-form]");
  var input = form.querySelector("input[type=file]");
  var bar = form.querySelector("progress");
  var status = form.querySelector("[role=status]");
  var pending = form.querySelector("[data-media-pending]");
  var pauseButton = form.querySelector("[data-media-pause]");
  var resumeButton = form.querySelector("[data-media-resume]");
  var endpoint = box.getAttribute("data-endpoint");
  var csrf = box.getAttribute("data-csrf");
  var maxSize = Number(box.getAttribute("data-max-size"));
  var upload = null;
  var lastSaid = -1;

  form.hidden = false;

  function fill(template, values) {
    return template
      .replace(/%\(([a-z]+)\)s/g, function (_whole, name) {
        return name in values ? String(values[name]) : "";
      })
      .replace(/%%/g, "%");
  }

  function size(bytes) {
    var units = ["B", "KB", "MB", "GB", "TB"];
    var unit = 0;
    while (bytes >= 1024 && unit < units.length - 1) {
      bytes /= 1024;
      unit += 1;
    }
    return (unit ? bytes.toFixed(1) : String(bytes)) + "\u00a0" + units[unit];
  }

  function percent(sent, total) {
    return total ? Math.floor((sent / total) * 100) : 0;
  }

  function say(message, isError) {
    status.textContent = message;
    status.classList.toggle("error", Boolean(isError));
  }

  function buttons(running) {
    pauseButton.hidden = !running;
    resumeButton.hidden = running || upload === null;
  }

  function reasonOf(error) {
    var response = error && error.originalResponse;
    var body = response && response.getBody && response.getBody();
    if (body) {
      return body;
    }
    if (response === null || (response && response.getStatus() === 0)) {
      return text.offline;
    }
    return String((error && error.message) || error);
  }

  function start(file) {
    if (!/^(audio|video)\//.test(file.type)) {
      say(text.wrong_type, true);
      return;
    }
    if (file.size > maxSize) {
      say(fill(text.too_large, { max: size(maxSize) }), true);
      return;
    }
    if (upload) {
      upload.abort();
    }
    pending.hidden = true;
    lastSaid = -1;
    upload = new window.tus.Upload(file, {
      endpoint: endpoint,
      // What one PATCH carries at most (awards/media_upload/page.py CHUNK_BYTES).
      chunkSize: Number(box.getAttribute("data-chunk-size")) || 32 * 1024 * 1024,
      retryDelays: [0, 1000, 3000, 5000, 10000, 20000],
      metadata: { filename: file.name, filetype: file.type },
      headers: { "X-CSRFToken": csrf },
      storeFingerprintForResuming: true,
      removeFingerprintOnSuccess: true,
      onProgress: function (sent, total) {
        var now = percent(sent, total);
        bar.hidden = false;
        bar.max = total;
        bar.value = sent;
        if (now !== lastSaid) {
          lastSaid = now;
          say(fill(text.sending, { percent: now, sent: size(sent), total: size(total) }));
        }
      },
      onSuccess: function () {
        buttons(false);
        resumeButton.hidden = true;
        say(text.done);
        window.setTimeout(function () {
          window.location.reload();
        }, 1000);
      },
      onError: function (error) {
        buttons(false);
        say(fill(text.failed, { reason: reasonOf(error) }), true);
      },
    });
    upload.findPreviousUploads().then(function (previous) {
      if (previous.length) {
        upload.resumeFromPreviousUpload(previous[0]);
        say(text.resuming);
      }
      upload.start();
      buttons(true);
    });
  }

  input.addEventListener("change", function () {
    if (input.files && input.files[0]) {
      start(input.files[0]);
    }
  });

  pauseButton.addEventListener("click", function () {
    if (upload) {
      upload.abort();
      say(fill(text.paused, { percent: percent(bar.value, bar.max) }));
      buttons(false);
    }
  });

  resumeButton.addEventListener("click", function () {
    if (upload) {
      upload.start();
      buttons(true);
    }
  });

  // An upload of this entry interrupted earlier (this browser remembers it).
  window.tus.defaultOptions.urlStorage.findAllUploads().then(function (stored) {
    var ours = stored.filter(function (item) {
      return item.urlStorageKey && item.urlStorageKey.indexOf(endpoint) !== -1;
    });
    if (ours.length && !upload) {
      var item = ours[ours.length - 1];
      var name = (item.metadata && item.metadata.filename) || "";
      fetch(item.uploadUrl, {
        method: "HEAD",
        headers: { "Tus-Resumable": "1.0.0" },
        credentials: "same-origin",
      }).then(function (answer) {
        if (!answer.ok) {
          return;
        }
        var done = Number(answer.headers.get("Upload-Offset"));
        var total = Number(answer.headers.get("Upload-Length")) || item.size;
        pending.textContent = fill(text.pending, {
          name: name,
          percent: percent(done, total),
        });
        pending.hidden = false;
      });
    }
  });

  var remove = document.querySelector("[data-media-remove]");
  if (remove) {
    remove.hidden = false;
    remove.addEventListener("click", function () {
      remove.disabled = true;
      say(text.removing);
      fetch(remove.getAttribute("data-media-remove"), {
        method: "DELETE",
        headers: { "Tus-Resumable": "1.0.0", "X-CSRFToken": csrf },
        credentials: "same-origin",
      }).then(function (answer) {
        if (answer.ok) {
          window.location.reload();
        } else {
          answer.text().then(function (reason) {
            remove.disabled = false;
            say(fill(text.failed, { reason: reason }), true);
          });
        }
      });
    });
  }
})();
