// Behaviour the pages ask for by attribute (no inline script: the Content-Security-Policy forbids it).
// <select data-autosubmit>: choosing an option submits its form.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (target instanceof HTMLSelectElement && target.hasAttribute("data-autosubmit") && target.form) {
    target.form.submit();
  }
});

// <input data-next-year="ID">: a year typed here moves the field ID to the year after,
// when that field still held the year after the old value (a report plans the next year).
document.addEventListener("focusin", function (event) {
  var target = event.target;
  if (target instanceof HTMLInputElement && target.hasAttribute("data-next-year")) {
    target.dataset.was = target.value;
  }
});
document.addEventListener("input", function (event) {
  var target = event.target;
  if (!(target instanceof HTMLInputElement) || !target.hasAttribute("data-next-year")) {
    return;
  }
  var next = document.getElementById(target.getAttribute("data-next-year"));
  var was = parseInt(target.dataset.was || "", 10);
  var year = parseInt(target.value, 10);
  if (next instanceof HTMLInputElement && /^\d{4}$/.test(target.value) &&
      (next.value === "" || parseInt(next.value, 10) === was + 1)) {
    next.value = String(year + 1);
  }
  if (/^\d{4}$/.test(target.value)) {
    target.dataset.was = target.value;
  }
});

// <select data-answer-for="ID">: the bulletin review's answer for an unmatched indicator; every
// <span data-answer-of="ID"> (its figures' 入库到 cell) shows the choice.
document.addEventListener("change", function (event) {
  var target = event.target;
  if (!(target instanceof HTMLSelectElement) || !target.hasAttribute("data-answer-for")) {
    return;
  }
  var chosen = target.selectedOptions[0];
  var text = target.value === "" || !chosen ? "待选择" : chosen.textContent;
  var shown = document.querySelectorAll("[data-answer-of='" + target.getAttribute("data-answer-for") + "']");
  for (var i = 0; i < shown.length; i++) {
    shown[i].textContent = text;
    shown[i].classList.toggle("answered", target.value !== "");
  }
});

// <button data-answer-rest="drop">: every answer still unchosen takes that value.
document.addEventListener("click", function (event) {
  var target = event.target;
  if (!(target instanceof HTMLButtonElement) || !target.hasAttribute("data-answer-rest")) {
    return;
  }
  var value = target.getAttribute("data-answer-rest");
  var selects = document.querySelectorAll("select[data-answer-for]");
  for (var i = 0; i < selects.length; i++) {
    if (selects[i].value === "") {
      selects[i].value = value;
      selects[i].dispatchEvent(new Event("change", { bubbles: true }));
    }
  }
});
