// CrisisHelp: crisis help at once, from the bank's red-flag options, without waiting for Python. Once
// shown it stays, even if the answer changes: the panel above the questions and a bar at the foot.

export class CrisisHelp {
  #root;
  #panel;
  #bar;
  #alert;
  #strings;
  #announced = false;

  constructor(root, strings) {
    this.#root = root;
    this.#panel = root.querySelector("[data-sc-crisis]");
    this.#bar = root.querySelector("[data-sc-crisis-bar]");
    this.#alert = root.querySelector("[data-sc-alert]");
    this.#strings = strings;
  }

  // The checklist shows the panel; one question at a time shows it only after a red flag.
  hideUntilNeeded() {
    this.#panel.hidden = true;
  }

  show() {
    this.#panel.hidden = false;
    this.#panel.classList.add("sc-crisis--shown");
    this.#bar.hidden = false;
  }

  // After each change of answer: the first red flag shows crisis help, and says so, once.
  update(redFlag) {
    if (!redFlag || this.#announced) return;
    this.#announced = true;
    this.show();
    this.#alert.textContent = this.#strings.text("crisis_alert");
  }

  // The help lines that lead a result ("crisis" or "youth": the engine names them), as the build
  // rendered them for the site's region; null if there are none.
  helpFor(name) {
    const template = name && this.#root.querySelector(`template[data-sc-help="${name}"]`);
    return template ? template.content.cloneNode(true) : null;
  }
}
