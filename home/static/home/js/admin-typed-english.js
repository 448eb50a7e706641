// wagtail-localize's translation editor (a React bundle) types "More actions" in English for
// screen readers instead of asking the catalogue. The admin's JavaScript catalogue has the
// string (cms/wagtail_admin/locale/kk/LC_MESSAGES/djangojs.po): use it once the editor drew it.
(function () {
  "use strict";
  var TYPED = ["More actions"];
  if (typeof window.gettext !== "function" || typeof MutationObserver !== "function") {
    return;
  }
  function translate(root) {
    var labels = root.querySelectorAll ? root.querySelectorAll(".w-sr-only") : [];
    for (var i = 0; i < labels.length; i++) {
      var text = labels[i].textContent;
      if (TYPED.indexOf(text) !== -1 && window.gettext(text) !== text) {
        labels[i].textContent = window.gettext(text);
      }
    }
  }
  function start() {
    var editor = document.querySelector(".js-translation-editor, [data-translation-editor]") ||
      document.body;
    translate(editor);
    new MutationObserver(function () { translate(editor); }).observe(editor, {
      childList: true, subtree: true,
    });
  }
  if (document.readyState === "loading") {
    document.addEventListener("DOMContentLoaded", start);
  } else {
    start();
  }
})();
