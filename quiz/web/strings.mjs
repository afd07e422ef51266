// The page's own wording, from the table the build renders into the form (quiz/data/page-strings.yml):
// every text this script writes that is not from the question bank comes from there, so a site in
// another language translates that one file. Pure: no DOM, so it is tested under Node.

export class Strings {
  #table;

  constructor(table) {
    this.#table = table;
  }

  // The table in the page, in the JSON block inside the self-check's root.
  static fromPage(root) {
    return new Strings(JSON.parse(root.querySelector("[data-sc-strings]").textContent));
  }

  // The text for `key`, with each `{name}` replaced by values[name].
  text(key, values = {}) {
    const template = this.#table[key];
    if (typeof template !== "string") throw new Error(`the page strings have no ${JSON.stringify(key)}`);
    return template.replace(/\{(\w+)\}/g, (whole, name) => (name in values ? String(values[name]) : whole));
  }

  // A date as the page writes it (summary_date, month_names).
  date(when) {
    const month = this.text("month_names").split(",")[when.getMonth()].trim();
    return this.text("summary_date", { day: when.getDate(), month, year: when.getFullYear() });
  }

  // Option labels as the hints name them: each quoted, joined with "or".
  options(labels) {
    return labels.map((label) => this.text("option_quoted", { label })).join(this.text("options_or"));
  }
}
