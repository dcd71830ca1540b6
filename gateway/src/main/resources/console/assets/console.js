/*
 * The console's own script (served from /console/assets; the Content-Security-Policy forbids inline
 * script). Every page works without it: it only ticks the countdowns every second and says when the
 * work queue's automatic update stopped working, so that a failure is never silent.
 *
 * A countdown is an element with data-countdown-until (an RFC 3339 instant) and
 * data-countdown-urgent (seconds): it is written exactly as the server first wrote it
 * (Countdown.java), from the patterns on <body>, and counted against the server's clock (the offset
 * measured from <body data-server-now>), not the workstation's.
 */
(function () {
  "use strict";

  var body = document.body;
  var serverNow = Date.parse(body.getAttribute("data-server-now"));
  var offset = isNaN(serverNow) ? 0 : serverNow - Date.now();

  function twoDigits(value) {
    return value < 10 ? "0" + value : String(value);
  }

  /* The two largest units, as Countdown.span writes them. */
  function span(seconds, dayUnit) {
    if (seconds >= 86400) {
      return Math.floor(seconds / 86400) + " " + dayUnit + " " + twoDigits(Math.floor((seconds % 86400) / 3600)) + " h";
    }
    if (seconds >= 3600) {
      return Math.floor(seconds / 3600) + " h " + twoDigits(Math.floor((seconds % 3600) / 60)) + " min";
    }
    if (seconds >= 60) {
      return Math.floor(seconds / 60) + " min " + twoDigits(seconds % 60) + " s";
    }
    return seconds + " s";
  }

  function tick() {
    var now = Date.now() + offset;
    var left = body.getAttribute("data-countdown-left");
    var late = body.getAttribute("data-countdown-late");
    var dayUnit = body.getAttribute("data-countdown-day");
    var countdowns = document.querySelectorAll("[data-countdown-until]");
    for (var i = 0; i < countdowns.length; i++) {
      var element = countdowns[i];
      var until = Date.parse(element.getAttribute("data-countdown-until"));
      if (isNaN(until)) {
        continue;
      }
      var remaining = until - now;
      var overdue = remaining < 0;
      var urgent = !overdue && remaining < 1000 * Number(element.getAttribute("data-countdown-urgent"));
      var text = (overdue ? late : left).replace("{0}", span(Math.floor(Math.abs(remaining) / 1000), dayUnit));
      if (element.textContent !== text) {
        element.textContent = text;
      }
      element.classList.toggle("countdown--overdue", overdue);
      element.classList.toggle("countdown--urgent", urgent);
      element.setAttribute("data-countdown-state", overdue ? "overdue" : urgent ? "urgent" : "running");
    }
  }

  function refreshFailed() {
    var status = document.getElementById("refresh-status");
    if (status) {
      status.textContent = body.getAttribute("data-refresh-failed");
      status.classList.add("refresh-status--failed");
    }
  }

  function refreshWorked() {
    var status = document.getElementById("refresh-status");
    if (status && status.textContent !== "") {
      status.textContent = "";
      status.classList.remove("refresh-status--failed");
    }
    tick();
  }

  /* The [data-action-error] region nearest to the form, or null. */
  function actionErrorRegion(form) {
    for (var holder = form.parentElement; holder; holder = holder.parentElement) {
      var region = holder.querySelector("[data-action-error]");
      if (region) {
        return region;
      }
    }
    return null;
  }

  /*
   * A form's answer that htmx does not swap (the answers a form expects, 2xx, 409, 422 and 502, are
   * swapped): whether the action was done is unknown, and the officer is told so.
   */
  function actionFailed(form, status) {
    var region = actionErrorRegion(form);
    if (!region) {
      return;
    }
    var text = status
      ? body.getAttribute("data-action-failed").replace("{0}", String(status))
      : body.getAttribute("data-action-unsent");
    region.textContent = text;
    region.hidden = false;
  }

  function failed(event) {
    var source = event.detail && event.detail.elt;
    var form = source && source.closest ? source.closest("form") : null;
    if (form) {
      actionFailed(form, event.detail.xhr ? event.detail.xhr.status : 0);
    } else {
      refreshFailed();
    }
  }

  /* A form posted again starts without the last failure's message. */
  function sending(event) {
    var source = event.detail && event.detail.elt;
    var form = source && source.closest ? source.closest("form") : null;
    var region = form ? actionErrorRegion(form) : null;
    if (region) {
      region.hidden = true;
      region.textContent = "";
    }
  }

  /* A button marked data-print prints the page (the annual report), through console.css's print rules. */
  function print(event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      window.print();
    }
  }

  document.addEventListener("click", print);
  document.addEventListener("htmx:responseError", failed);
  document.addEventListener("htmx:sendError", failed);
  document.addEventListener("htmx:timeout", failed);
  document.addEventListener("htmx:beforeRequest", sending);
  document.addEventListener("htmx:afterSettle", refreshWorked);
  tick();
  window.setInterval(tick, 1000);
})();
