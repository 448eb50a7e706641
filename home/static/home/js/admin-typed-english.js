// wagtail-localize's translation editor (a React bundle) types two strings in English instead
// of asking the catalogue: the screen-reader label "More actions" and the panel title
// "Қазақша to Русский translation". The admin's JavaScript catalogue has them
// (cms/wagtail_admin/locale/kk/LC_MESSAGES/djangojs.po, cms/locale/ru/LC_MESSAGES/djangojs.po):
// they are replaced once the editor drew them.
(function () {
  "use strict";
  var TYPED = ["More actions"];
  if (typeof window.gettext !== "function" || typeof MutationObserver !== "function") {
    return;
  }
  var TITLE = "%(source)s to %(target)s translation";
  var TYPED_TITLE = /^(.+) to (.+) translation$/;
  function translate(root) {
    var labels = root.querySelectorAll(".w-sr-only");
    for (var i = 0; i < labels.length; i++) {
      var text = labels[i].textContent;
      if (TYPED.indexOf(text) !== -1 && window.gettext(text) !== text) {
        labels[i].textContent = window.gettext(text);
      }
    }
    if (window.gettext(TITLE) === TITLE) {
      return;
    }
    var titles = root.querySelectorAll("h1, h2, h3, p, span, div");
    for (var j = 0; j < titles.length; j++) {
      var node = titles[j];
      if (node.children.length) {
        continue;
      }
      var match = TYPED_TITLE.exec(node.textContent.trim());
      if (match) {
        node.textContent = window.interpolate(
          window.gettext(TITLE), { source: match[1], target: match[2] }, true
        );
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
