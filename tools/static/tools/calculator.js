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
      field.querySelectorAll("input[type=text], select").forEach(function (input) {
        if (messages.length) { input.setAttribute("aria-invalid", "true"); } else { input.removeAttribute("aria-invalid"); }
      });
    });
    var summary = form.querySelector(".error-summary");
    if (summary) { summary.remove(); }
  }

  function showOutputs(region, outputs) {
    var list = document.createElement("dl");
    list.className = "results";
    outputs.forEach(function (output) {
      var row = document.createElement("div");
      row.className = "results__row";
      var term = document.createElement("dt");
      term.textContent = output.label;
      var value = document.createElement("dd");
      value.textContent = output.display;
      row.appendChild(term);
      row.appendChild(value);
      list.appendChild(row);
    });
    region.textContent = "";
    region.appendChild(list);
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
        return response.json();
      }).then(function (data) {
        if (request !== latest) { return; }  // an older answer arriving late
        if (data.ok) {
          setErrors(form, {});
          showOutputs(region, data.outputs);
        } else {
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
