// Behaviour the pages ask for by attribute (no inline script: the Content-Security-Policy forbids it).
// <select data-autosubmit>: choosing an option submits its form.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});
