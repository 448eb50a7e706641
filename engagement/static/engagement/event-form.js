// The event form guides while the user types (no framework; the server checks it all again):
// - the settlement list offers only the settlements of the chosen district;
// - the "unusually large number" confirmation is shown only while the headcount passes the
//   bound (data-plausible-max on the participants input);
// - the breakdown by group shows its running sum, the "not broken down" remainder and a
//   warning when the groups add up to more than the participants.
(function () {
  "use strict";

  function count(input) {
    if (!input || input.value.trim() === "") return null;
    var number = Number(input.value);
    return Number.isFinite(number) && number >= 0 ? Math.floor(number) : null;
  }

  function fill(template, values) {
    return template.replace(/%\((\w+)\)s/g, function (match, name) {
      return name in values ? values[name] : match;
    });
  }

  function settlements(form) {
    var district = form.querySelector('select[name="district"]');
    var settlement = form.querySelector('select[name="settlement"]');
    if (!district || !settlement || settlement.dataset.engagementFiltered) return;
    settlement.dataset.engagementFiltered = "true";
    var all = Array.prototype.map.call(settlement.options, function (option) {
      return option.cloneNode(true);
    });
    function update() {
      var chosen = district.value;
      var current = settlement.value;
      var offered = all.filter(function (option) {
        return !option.value || (chosen && option.dataset.district === chosen);
      });
      settlement.replaceChildren.apply(settlement, offered.map(function (option) {
        return option.cloneNode(true);
      }));
      var kept = offered.some(function (option) { return option.value === current; });
      settlement.value = kept ? current : "";
      settlement.disabled = offered.length < 2;
    }
    district.addEventListener("change", update);
    update();
  }

  function headcount(form) {
    var input = form.querySelector('input[name="participants"][data-plausible-max]');
    var confirm = form.querySelector('input[name="confirm_large_headcount"]');
    if (!input || !confirm) return;
    var box = confirm.closest("[data-panel]") || confirm.closest("[data-field-wrapper]");
    var max = Number(input.dataset.plausibleMax);
    function update() {
      var typed = count(input);
      var over = typed !== null && typed > max;
      if (!over && !box.hidden) confirm.checked = false;
      box.hidden = !over;
    }
    input.addEventListener("input", update);
    update();
  }

  function breakdown(form) {
    var summary = form.querySelector("[data-engagement-breakdown-summary]");
    if (!summary) return;
    var total = form.querySelector('input[name="' + summary.dataset.totalField + '"]');
    var groups = summary.dataset.groupFields.split(" ").map(function (name) {
      return form.querySelector('input[name="' + name + '"]');
    }).filter(Boolean);
    var text = summary.querySelector("[data-summary]");
    var warning = summary.querySelector("[data-over]");
    // Grouped as the server groups them (Django's THOUSAND_SEPARATOR of the user's language).
    var separator = summary.dataset.thousandSeparator || "";
    var numbers = {
      format: function (number) {
        return String(number).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
      },
    };
    function update() {
      var sum = groups.reduce(function (acc, input) { return acc + (count(input) || 0); }, 0);
      var all = count(total);
      var values = {
        sum: numbers.format(sum),
        total: all === null ? "" : numbers.format(all),
        rest: numbers.format(Math.max((all || 0) - sum, 0)),
      };
      text.textContent = fill(
        all === null ? summary.dataset.templateNoTotal : summary.dataset.templateSummary, values
      );
      var over = all !== null && sum > all;
      warning.textContent = over ? fill(summary.dataset.templateOver, values) : "";
      warning.hidden = !over;
    }
    [total].concat(groups).forEach(function (input) {
      if (input) input.addEventListener("input", update);
    });
    update();
  }

  function init() {
    document.querySelectorAll("form").forEach(function (form) {
      if (!form.querySelector('input[name="confirm_large_headcount"]')) return;
      settlements(form);
      headcount(form);
      breakdown(form);
    });
  }

  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", init);
  } else {
    init();
  }
})();
