// Keyboard shortcuts for interview practice: Space reveals the answer, 1–4 rate it (again, hard, good, easy).
// Keys typed into a form field are left alone. The mock interview's clock counts down once a second.
(function () {
  "use strict";
  function typing(target) {
    var tag = target && target.tagName;
    return tag === "INPUT" || tag === "TEXTAREA" || tag === "SELECT" || (target && target.isContentEditable);
  }
  document.addEventListener("keydown", function (event) {
    if (event.ctrlKey || event.metaKey || event.altKey || typing(event.target)) return;
    var answer = document.getElementById("answer");
    if (event.key === " " && answer) {
      event.preventDefault();
      answer.open = !answer.open;
      return;
    }
    var button = document.querySelector('#rate-form button[data-key="' + event.key + '"]');
    if (button) {
      event.preventDefault();
      button.click();
    }
  });
  var clock = document.querySelector(".clock[data-seconds-left]");
  if (clock) {
    var left = parseInt(clock.getAttribute("data-seconds-left"), 10);
    var tick = function () {
      left = Math.max(0, left - 1);
      var m = Math.floor(left / 60), s = left % 60;
      clock.textContent = m + ":" + (s < 10 ? "0" : "") + s;
      if (left === 0) clock.classList.add("error");
    };
    tick();
    setInterval(tick, 1000);
  }
})();
