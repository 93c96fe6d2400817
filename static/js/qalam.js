// Small enhancements for the award and jury pages that load this file. Served as a
// file (never inline) so the Content-Security-Policy can forbid inline script; each
// part acts only when its elements are on the page. Reading a page needs none of it.
(function () {
    "use strict";
    var lang = document.documentElement.lang;

    // Deadlines: show the UTC time also in the reader's own time zone.
    document.querySelectorAll("time.js-local-time").forEach(function (el) {
        var when = new Date(el.getAttribute("datetime"));
        if (!isNaN(when)) {
            el.textContent = when.toLocaleString(lang, {
                year: "numeric", month: "long", day: "numeric",
                hour: "2-digit", minute: "2-digit", timeZoneName: "short"
            });
        }
    });

    // Award page: refresh the server's "… left to enter" every minute.
    var countdown = document.querySelector(".countdown[data-deadline]");
    if (countdown && window.Intl && Intl.RelativeTimeFormat) {
        var deadline = new Date(countdown.dataset.deadline);
        var format = new Intl.RelativeTimeFormat(lang, {numeric: "auto"});
        var tick = function () {
            var minutes = Math.round((deadline - new Date()) / 60000);
            if (minutes <= 0) { countdown.hidden = true; return; }
            var text = minutes >= 2880 ? format.format(Math.round(minutes / 1440), "day")
                : minutes >= 120 ? format.format(Math.round(minutes / 60), "hour")
                : format.format(minutes, "minute");
            countdown.textContent = countdown.dataset.prefix
                ? countdown.dataset.prefix + " " + text : text;
        };
        tick();
        setInterval(tick, 60000);
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
