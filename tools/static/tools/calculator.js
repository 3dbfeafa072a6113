// Live results while typing: the form still works without this script (it posts and the page shows the outcome).
(function () {
  "use strict";
  var DELAY = 400;

  function setErrors(form, errors) {
    form.querySelectorAll("[data-field]").forEach(function (field) {
      var name = field.getAttribute("data-field");
      var list = field.querySelector(".errorlist");
      var messages = errors[name] || [];
      list.textContent = "";
      messages.forEach(function (message) {
        var item = document.createElement("li");
        item.textContent = message;
        list.appendChild(item);
      });
      field.classList.toggle("field--error", messages.length > 0);
      field.querySelectorAll("input, select").forEach(function (input) {
        if (messages.length) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      });
    });
    var summary = form.querySelector(".error-summary");
    if (summary) { summary.remove(); }
  }

  function list(rows, className) {
    var dl = document.createElement("dl");
    dl.className = className;
    rows.forEach(function (row) {
      var line = document.createElement("div");
      line.className = "results__row";
      var term = document.createElement("dt");
      term.textContent = row.label;
      var value = document.createElement("dd");
      value.textContent = row.text;
      line.appendChild(term);
      line.appendChild(value);
      if (row.help) {
        var help = document.createElement("dd");
        help.className = "results__help";
        help.textContent = row.help;
        line.appendChild(help);
      }
      dl.appendChild(line);
    });
    return dl;
  }

  function showOutputs(region, answers, data) {
    region.textContent = "";
    region.appendChild(list(data.outputs.map(function (output) {
      return { label: output.label, text: output.display, help: output.help };
    }), "results"));
    // The printout shows what the outcome assumes: always the values of this very outcome.
    answers.textContent = "";
    var title = document.createElement("h3");
    title.textContent = region.getAttribute("data-answers-title");
    answers.appendChild(title);
    answers.appendChild(list(data.answers, "results results--answers"));
  }

  function showMessage(region, text) {
    var paragraph = document.createElement("p");
    paragraph.className = "muted";
    paragraph.textContent = text;
    region.textContent = "";
    region.appendChild(paragraph);
  }

  function start(form) {
    var region = document.getElementById("calculator-results");
    var answers = document.getElementById("calculator-answers");
    var url = form.getAttribute("data-calculate-url");
    var timer = null;
    var latest = 0;

    function calculate() {
      var request = ++latest;
      fetch(url, {
        method: "POST",
        body: new FormData(form),
        headers: { "X-Requested-With": "fetch", "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        var type = response.headers.get("Content-Type") || "";
        if (response.redirected) {
          return { expired: true };  // sent to the login page: the session has ended
        }
        if (type.indexOf("application/json") === -1) {
          return { failed: true };
        }
        return response.json();
      }).then(function (data) {
        if (request !== latest) { return; }  // an older answer arriving late
        if (data.expired || data.failed) {
          answers.textContent = "";
          showMessage(region, region.getAttribute(data.expired ? "data-expired-text" : "data-failed-text"));
        } else if (data.ok) {
          setErrors(form, {});
          showOutputs(region, answers, data);
        } else {
          answers.textContent = "";
          setErrors(form, data.errors || {});
          var general = (data.errors && data.errors.__all__) || [];
          showMessage(region, general.length ? general.join(" ") : region.getAttribute("data-fix-text"));
        }
      }).catch(function () { /* offline or server gone: the Bereken button still works */ });
    }

    function schedule() {
      clearTimeout(timer);
      timer = setTimeout(calculate, DELAY);
    }

    form.addEventListener("input", schedule);
    form.addEventListener("change", schedule);
  }

  document.addEventListener("DOMContentLoaded", function () {
    document.querySelectorAll("form[data-calculate-url]").forEach(start);
  });
})();
