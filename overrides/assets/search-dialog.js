// Zensical draws its search dialog in a shadow root, where no stylesheet of the site
// reaches, and two of its defaults fail WCAG AA: the result paths are 45% of the text
// colour (3.4:1 on white) and the result list scrolls without being focusable, so a
// keyboard cannot scroll it. This mends both from outside, in any colour scheme. Under
// MkDocs and ProperDocs the search is Material's own, in the page, and nothing matches.
(function () {
  "use strict";
  var css = 'menu[id$="-path"]{color:rgb(var(--color-foreground)/.75)}';

  function focusableList(root) {
    root.querySelectorAll('ol[role="listbox"]').forEach(function (list) {
      var box = list.parentElement;
      if (box && box.getAttribute("tabindex") !== "0") box.setAttribute("tabindex", "0");
    });
  }

  function mend(root) {
    if (root.querySelector("style[data-briefing]")) return;
    var style = document.createElement("style");
    style.setAttribute("data-briefing", "");
    style.textContent = css;
    root.appendChild(style);
    focusableList(root);
    // The dialog renders its results again for every query.
    new MutationObserver(function () { focusableList(root); })
      .observe(root, { childList: true, subtree: true });
  }

  function scan() {
    Array.prototype.forEach.call(document.body.children, function (element) {
      if (element.shadowRoot) mend(element.shadowRoot);
    });
  }

  function start() {
    scan();
    new MutationObserver(scan).observe(document.body, { childList: true });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
