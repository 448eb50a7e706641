// Wagtail's date pickers (jQuery xdsoft datetimepicker) replace, on blur, any text they cannot
// read with the current time, and silently turn "31.02.2026" into 3 March. Every picker of the
// admin leaves typed text alone; the server reads it or refuses it with a form error.
(function () {
  "use strict";
  if (window.jQuery && jQuery.fn.datetimepicker && jQuery.fn.datetimepicker.defaults) {
    jQuery.fn.datetimepicker.defaults.validateOnBlur = false;
  }
})();
