// Small enhancements for the award and jury pages that load this file. Served as a
// file (never inline) so the Content-Security-Policy can forbid inline script; each
// part acts only when its elements are on the page. Reading a page needs none of it.
(function () {
    "use strict";
    var lang = document.documentElement.lang;

    // Deadlines: show the UTC time also in the reader's own time zone, in the
    // page's DATETIME_FORMAT with the month names the server sent
    // (awards/templatetags/awards_time.py): Intl lacks data for some of our
    // languages and would print "2027 M01 14".
    var pad = function (n) { return (n < 10 ? "0" : "") + n; };
    var formatDate = function (when, format, names) {
        var h = when.getHours(), m = when.getMinutes(), month = when.getMonth();
        var g = h % 12 || 12;
        var parts = {
            d: pad(when.getDate()), j: String(when.getDate()),
            m: pad(month + 1), n: String(month + 1),
            Y: String(when.getFullYear()), y: pad(when.getFullYear() % 100),
            H: pad(h), G: String(h), h: pad(g), g: String(g), i: pad(m),
            a: names.a[h < 12 ? 0 : 1], A: names.A[h < 12 ? 0 : 1],
            P: m === 0 && h === 0 ? names.P[0] : m === 0 && h === 12 ? names.P[1]
                : g + (m ? ":" + pad(m) : "") + " " + names.a[h < 12 ? 0 : 1]
        };
        var out = "";
        for (var k = 0; k < format.length; k++) {
            var c = format.charAt(k);
            if (c === "\\") { out += format.charAt(++k); }
            else if (names[c] && names[c].length === 12) { out += names[c][month]; }
            else if (Object.prototype.hasOwnProperty.call(parts, c)) { out += parts[c]; }
            else { out += c; }
        }
        return out;
    };
    var zoneName = function (when) {
        var offset = -when.getTimezoneOffset(), abs = Math.abs(offset);
        if (!offset) { return "UTC"; }
        return "UTC" + (offset > 0 ? "+" : "-") + Math.floor(abs / 60)
            + (abs % 60 ? ":" + pad(abs % 60) : "");
    };
    document.querySelectorAll("time.js-local-time[data-format]").forEach(function (el) {
        var when = new Date(el.getAttribute("datetime"));
        if (!isNaN(when)) {
            el.textContent = formatDate(when, el.dataset.format,
                JSON.parse(el.dataset.names)) + " " + zoneName(when);
        }
    });

    // Award page: the server wrote "… left"; once the deadline passes, say so.
    var countdown = document.querySelector(".countdown[data-deadline]");
    if (countdown) {
        var deadline = new Date(countdown.dataset.deadline);
        var tick = function () {
            if (deadline - new Date() <= 0) {
                countdown.textContent = countdown.dataset.closed;
                return;
            }
            setTimeout(tick, 60000);
        };
        tick();
    }

    // Jury score sheet: the weighted total as the juror types.
    var total = document.getElementById("live-total");
    if (total) {
        var inputs = document.querySelectorAll(".score-input");
        var update = function () {
            var sum = 0, weights = 0, complete = true;
            inputs.forEach(function (input) {
                var value = parseFloat((input.value || "").replace(",", "."));
                var weight = parseFloat(input.dataset.weight);
                if (isNaN(value)) { complete = false; return; }
                sum += value * weight; weights += weight;
            });
            total.textContent = complete && weights ? (sum / weights).toFixed(2) : "—";
        };
        inputs.forEach(function (input) { input.addEventListener("input", update); });
        update();
    }

    // Buttons marked data-submit-once: a second click does not post twice.
    document.querySelectorAll("button[data-submit-once]").forEach(function (button) {
        button.form.addEventListener("submit", function () {
            // Disabled after the submit event has gathered the form's data.
            setTimeout(function () { button.disabled = true; }, 0);
        });
    });
})();
