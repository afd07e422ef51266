// The self-check page script (main thread; small; no framework).
//
// It turns the static checklist (rendered from the question bank at build time) into one question
// at a time, shows crisis help the moment a red-flag answer is chosen, and asks the engine (Python,
// in a Web Worker) for the result. Answers live only in the page's form controls: nothing is sent
// anywhere, stored, or put in the URL, and a reload clears them.

import { startEngine } from "./engine.mjs";

const root = document.querySelector("[data-sc-root]");
if (root) {
  const bankText = document.getElementById("sc-bank").textContent;
  const siteRoot = new URL("../../", import.meta.url);
  // This module is async: it runs in a task of its own as soon as it has arrived, outside the task
  // that ends the parse and runs the theme's start-up handlers (DOMContentLoaded). It only queues
  // its work, after that task if the page is still being read: first the engine starts, in a task
  // of its own (sent the bank's JSON text as it is), once the page's own scripts and style sheets
  // have arrived (the parse has ended); then the page's own set-up, which parses it, in another.
  // None of them grows long.
  //
  // Until then the page shows the first question alone (the form's inline script set that up before
  // the first paint, and takes it back if this script has not run by the load event). Should the
  // set-up fail, the page goes back to the full checklist with crisis help, which works without any
  // script.
  root.setAttribute("data-sc-script", "");
  const orChecklist = (work) => () => {
    try {
      work();
    } catch (error) {
      root.classList.remove("sc--starting");
      throw error;
    }
  };
  const start = () => setTimeout(orChecklist(() => {
    const engine = startEngine(root, bankText, siteRoot, root.querySelector("[data-sc-status]"));
    setTimeout(orChecklist(() => setUp(root, JSON.parse(bankText), siteRoot, engine)), 0);
  }), 0);
  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
}

function setUp(root, bank, siteRoot, engine) {
  const $ = (selector) => root.querySelector(selector);
  const ui = {
    status: $("[data-sc-status]"),
    alert: $("[data-sc-alert]"),
    crisis: $("[data-sc-crisis]"),
    crisisBar: $("[data-sc-crisis-bar]"),
    nav: $("[data-sc-nav]"),
    back: $("[data-sc-back]"),
    next: $("[data-sc-continue]"),
    review: $("[data-sc-review]"),
    reviewTitle: $("#sc-review-title"),
    reviewList: $("[data-sc-review-list]"),
    submit: $("[data-sc-submit]"),
    result: $("[data-sc-result]"),
    resultTitle: $("[data-sc-result-title]"),
    resultBody: $("[data-sc-result-body]"),
    clinic: $("[data-sc-clinic]"),
  };
  // Each question with its elements, looked up once: every step below touches only what changes,
  // so a click stays well under 50 ms of main-thread work on a slow phone.
  const questions = bank.questions.map((question) => {
    const fieldset = root.querySelector(`[data-question="${question.id}"]`);
    return {
      ...question,
      fieldset,
      inputs: [...fieldset.querySelectorAll("input")],
      title: fieldset.querySelector(".sc-question__title"),
      error: fieldset.querySelector("[data-sc-error]"),
    };
  });
  const byInput = new Map(questions.flatMap((question) => question.inputs.map((input) => [input, question])));

  // ---- answers (read from the form controls; the page holds no other copy) ----

  const chosen = (question) => question.inputs.filter((input) => input.checked).map((input) => input.value);

  // Same rule as the engine (quiz/engine.py, shown_questions): a follow-up applies when the earlier
  // question it names is shown and was answered with one of the listed options, and an answer whose
  // option ends the check (such as "Under 18") ends the questions there.
  function shownQuestions() {
    const shown = [];
    const answered = new Map();
    for (const question of questions) {
      const condition = question.show_if;
      if (!condition || (answered.get(condition.question) || []).some((id) => condition.any_of.includes(id))) {
        shown.push(question);
        const picked = chosen(question);
        answered.set(question.id, picked);
        if (question.options.some((option) => option.ends_check && picked.includes(option.id))) break;
      }
    }
    return shown;
  }

  function answers() {
    const result = {};
    for (const question of shownQuestions()) {
      const picked = chosen(question);
      if (picked.length) result[question.id] = question.multiple ? picked : picked[0];
    }
    return result;
  }

  // ---- crisis help: at once, from the bank's red-flag options, without waiting for Python ----

  // Once a red flag is given, crisis help stays: the full panel at the top of the questions, and a
  // compact bar with call and text buttons at the foot of the screen on every later step (the panel
  // scrolls away with the next question; the bar does not). Changing the answer does not take it away.
  let crisisShown = false;
  function showCrisisHelp() {
    ui.crisis.hidden = false;
    ui.crisis.classList.add("sc-crisis--shown");
    ui.crisisBar.hidden = false;
  }
  function updateCrisis() {
    const redFlag = shownQuestions().some((question) =>
      question.inputs.some((input) => input.checked && input.hasAttribute("data-crisis")));
    if (redFlag && !crisisShown) {
      crisisShown = true;
      showCrisisHelp();
      ui.alert.textContent = "Crisis help is shown at the top of the questions, and call buttons stay at the foot of the screen. You can get help now, and carry on when you are ready.";
    }
  }

  root.addEventListener("change", (event) => {
    const input = event.target;
    if (!(input instanceof HTMLInputElement)) return;
    if (input.type === "checkbox" && input.checked) {
      // "None of these" and "I'm not sure" cannot be combined with other options.
      for (const other of byInput.get(input)?.inputs || []) {
        if (other !== input && (input.hasAttribute("data-exclusive") || other.hasAttribute("data-exclusive"))) {
          other.checked = false;
        }
      }
    }
    clearError(byInput.get(input));
    updateCrisis();
  });

  // ---- one question at a time, then check your answers, then the result ----

  let step = 0; // index into shownQuestions(), or "review" / "result"
  let returnToReview = false;
  let visible = null; // the question's fieldset on screen, if any
  let heading = null; // the heading of the step on screen

  // Sets `hidden` only when it changes: rewriting the attribute would make the browser restyle.
  const setHidden = (node, hidden) => { if (node.hidden !== hidden) node.hidden = hidden; };

  // A click's new step is shown in a task of its own (soon), right after the click's, and laid out
  // there (show scrolls to its heading): the browser's own work for a click (finding what was
  // clicked, focus, hover) and the step's never add up to one long task on a slow phone, and the
  // frame that shows the step mostly paints.
  function show(target, { focus = true, shown = shownQuestions() } = {}) {
    step = target;
    const question = typeof target === "number" ? shown[target] : null;
    if (visible && visible !== question?.fieldset) setHidden(visible, true);
    visible = question ? question.fieldset : null;
    if (target === "result") {
      // "Check your answers" leaves the layout altogether (it is laid out again if it is needed), so
      // that showing the result restyles none of its rows; the result joins the accessibility tree.
      ui.review.classList.remove("sc-review--staged");
      ui.result.removeAttribute("aria-hidden");
    }
    setHidden(ui.review, target !== "review");
    setHidden(ui.result, target !== "result");
    setHidden(ui.nav, !question);
    if (question) {
      setHidden(question.fieldset, false);
      setHidden(ui.back, target === 0);
      heading = question.title;
      updateReviewSoon();
    } else if (target === "review") {
      renderReview(shown);
      heading = ui.reviewTitle;
    } else {
      heading = ui.resultTitle;
    }
    if (focus) {
      // Every step takes the same place on the page: the new heading is where the last one was. If
      // the person had scrolled that out of view (down to a button), the page scrolls back to it now:
      // the page is laid out once, here, and the heading is in view in the step's very first frame.
      heading.scrollIntoView({ block: "nearest" });
      focusHeading(heading);
    }
  }

  // Focus moves to the new heading (so screen readers announce it) right after the frame that
  // shows it: focusing and scrolling before that frame would lay the page out a second time, in a
  // task that could then grow long on a slow phone. A later step cancels an earlier one.
  let focusRequest = 0;
  function focusHeading(heading) {
    const request = ++focusRequest;
    afterNextPaint(() => {
      if (request !== focusRequest) return;
      heading.focus({ preventScroll: true });
      heading.scrollIntoView({ block: "nearest" });
    });
  }

  function setError(question, text) {
    const error = question.error;
    error.textContent = text;
    error.hidden = false;
    question.fieldset.classList.add("sc-question--error");
    question.fieldset.setAttribute("aria-describedby",
      [error.id, question.hint ? `sc-q-${question.id}-hint` : ""].join(" ").trim());
  }

  function clearError(question) {
    if (!question || question.error.hidden) return;
    const error = question.error;
    error.hidden = true;
    error.textContent = "";
    question.fieldset.classList.remove("sc-question--error");
    if (question.hint) question.fieldset.setAttribute("aria-describedby", `sc-q-${question.id}-hint`);
    else question.fieldset.removeAttribute("aria-describedby");
  }

  ui.next.addEventListener("click", () => {
    const shown = shownQuestions();
    const question = shown[step];
    if (!chosen(question).length) {
      const unsure = question.options.some((option) => option.id === "not_sure");
      setError(question, question.multiple
        ? `Select all that apply${question.options.some((o) => o.exclusive) ? ", or 'None of these'" : ""}, to continue.`
        : `Select an answer to continue${unsure ? ". You can choose \u201cI'm not sure\u201d" : ""}.`);
      focusRequest++; // a heading still waiting for focus must not take it from the answers
      question.inputs[0].focus();
      return;
    }
    const unanswered = shown.findIndex((candidate) => !chosen(candidate).length);
    const target = !returnToReview && step + 1 < shown.length ? step + 1 : unanswered === -1 ? "review" : unanswered;
    soon(() => show(target, { shown }));
  });

  ui.back.addEventListener("click", () => {
    if (typeof step !== "number" || step === 0) return;
    const target = step - 1;
    soon(() => show(target));
  });

  // The answer as "Check your answers" and the result's "Your answers" show it.
  function answerText(question) {
    const picked = chosen(question);
    const labels = question.options.filter((option) => picked.includes(option.id)).map((option) => option.label);
    return labels.join(", ") || "Not answered";
  }

  // One row of "Check your answers" (with its Change button) or of the result's "Your answers".
  function answerRow(question, withChange) {
    const row = element("div", { class: "sc-review__row" });
    const answer = document.createTextNode(answerText(question));
    const details = element("dd", {}, answer);
    if (withChange) {
      const change = element("button", { type: "button", class: "sc-link" }, "Change");
      change.append(element("span", { class: "sc-visually-hidden" }, ` your answer to: ${question.text}`));
      change.addEventListener("click", () => {
        returnToReview = true;
        const target = shownQuestions().indexOf(question);
        soon(() => show(target));
      });
      details.append(" ", change);
    }
    row.append(element("dt", {}, question.text), details);
    return { row, answer };
  }

  function answerList(shown) {
    const list = document.createDocumentFragment();
    for (const question of shown) list.append(answerRow(question, false).row);
    return list;
  }

  // "Check your answers" is kept up to date while the person answers, in a task of its own after
  // each question is shown, and laid out in advance, unseen (as the result is, below): when it is
  // shown, only the rows whose answer changed are touched and the page mostly has to paint it.
  const reviewRows = new Map(); // question id -> { row, answer (the text node of the answer) }
  function updateReview(shown) {
    const rows = shown.map((question) => {
      let entry = reviewRows.get(question.id);
      if (!entry) reviewRows.set(question.id, (entry = answerRow(question, true)));
      const text = answerText(question);
      if (entry.answer.data !== text) entry.answer.data = text;
      return entry.row;
    });
    const list = ui.reviewList.children;
    let kept = 0;
    while (kept < list.length && list[kept] === rows[kept]) kept++;
    if (kept === list.length) ui.reviewList.append(...rows.slice(kept));
    else ui.reviewList.replaceChildren(...rows);
  }

  let reviewUpdate = false;
  function updateReviewSoon() {
    if (reviewUpdate) return;
    reviewUpdate = true;
    afterNextPaint(() => {
      reviewUpdate = false;
      // Rows up to the question on screen: the rest are built when they are reached.
      if (typeof step !== "number") return;
      updateReview(shownQuestions().slice(0, step + 1));
      ui.review.classList.add("sc-review--staged");
    });
  }

  function renderReview(shown) {
    updateReview(shown);
    requestResult(shown);
  }

  ui.submit.addEventListener("click", () => {
    const shown = shownQuestions();
    const unanswered = shown.findIndex((question) => !chosen(question).length);
    if (unanswered !== -1) {
      returnToReview = true;
      soon(() => show(unanswered, { shown }));
      return;
    }
    const asked = requestResult(shown);
    // The result is shown in the click's own task: a task of its own would wait for the frame the
    // browser paints right after an input, and the result would come one frame later.
    if (asked.state === "ready") revealResult(asked);
    else if (asked.state === "failed") renderNoEngine(asked.reason);
    else {
      asked.wanted = true;
      engine.resultWanted(); // the status line says the result is on its way, and how far it has got
    }
  });

  root.querySelector("[data-sc-change]").addEventListener("click", () => soon(() => show("review")));
  root.querySelector("[data-sc-print]").addEventListener("click", () => window.print());
  root.querySelector("[data-sc-restart]").addEventListener("click", () => {
    for (const input of root.querySelectorAll(".sc-questions input")) input.checked = false;
    for (const question of questions) clearError(question);
    returnToReview = false;
    request = null;
    discardStaged();
    ui.resultBody.replaceChildren();
    if (ui.clinic) ui.clinic.hidden = true;
    soon(() => show(0));
  });

  // ---- the result: worked out while "Check your answers" is on screen ----
  //
  // Every answer is given by then, so the engine (in its worker) works out the result and the page
  // builds it, hidden, while the person reads their answers; "See my result" then only shows it.
  // A request is for one set of answers: any change makes a new one, and the page shows a result
  // only for the answers in the form at that moment.

  let request = null; // { key, state: "waiting" | "ready" | "failed", crisis, reason, wanted }

  function requestResult(shown = shownQuestions()) {
    const given = answers();
    const key = JSON.stringify(given);
    if (request && request.key === key && request.state !== "failed") return request;
    const mine = (request = { key, state: "waiting", crisis: false, conversation: false, reason: "", wanted: false });
    discardStaged(); // the result built so far is for other answers
    engine.evaluate(given, (result) => {
      if (request !== mine) return;
      buildResult(result, shown);
      mine.state = "ready";
      mine.crisis = result.crisis;
      mine.conversation = result.conversation;
      if (mine.wanted) revealResult(mine);
    }, (reason) => {
      if (request !== mine) return;
      mine.state = "failed";
      mine.reason = reason || "";
      if (mine.wanted) renderNoEngine(mine.reason);
    });
    return mine;
  }

  // Builds the result, with DOM APIs and textContent only, into the result section while it is hidden.
  function buildResult(result, shown) {
    ui.result.dataset.tier = result.tier;
    ui.resultTitle.textContent = result.title;
    // A crisis result leads with call and text buttons, and an under-18 result with youth support
    // lines, in the result's first screen (the region's own lines, rendered at build time).
    const help = result.help && root.querySelector(`template[data-sc-help="${result.help}"]`);
    const body = help ? [help.content.cloneNode(true)] : [];
    body.push(element("p", { class: "sc-result__summary" }, result.summary));
    body.push(element("h3", {}, "What in your answers shaped this"));
    const reasons = element("ul", { class: "sc-result__reasons" });
    for (const reason of result.reasons) {
      const item = element("li", { "data-tier": reason.tier });
      if (reason.question_text) {
        item.append(element("p", { class: "sc-result__answer" },
          element("strong", {}, reason.question_text), " ", `You answered: ${reason.answer_text}.`));
      }
      item.append(element("p", {}, reason.text));
      if (reason.link) {
        item.append(element("p", {}, element("a", { href: new URL(reason.link.url, siteRoot).href }, `Read more: ${reason.link.title}`)));
      }
      reasons.append(item);
    }
    body.push(reasons);
    const more = element("div", { class: "sc-result__more" });
    more.append(
      ...section("What you can do next", result.next_steps),
      ...section("Questions to ask a provider", result.questions_to_ask),
      ...section("What this check cannot know", result.cannot_know),
      element("p", { class: "sc-result__notice" }, result.notice),
      yourAnswers(shown),
    );
    ui.resultBody.replaceChildren(...body);
    ui.result.classList.add("sc-result--staged");
    ui.result.setAttribute("aria-hidden", "true");
    // The later sections join in a task after the next frame, so a slow phone lays the result out
    // in two halves and neither makes a long task. "See my result" adds them at once if need be.
    laterPart = more;
    afterNextPaint(() => { if (laterPart === more) addLaterPart(); });
  }

  let laterPart = null; // the later sections of the result being staged, not yet in the page
  function discardStaged() {
    ui.result.classList.remove("sc-result--staged");
    laterPart = null;
  }
  function addLaterPart() {
    if (laterPart) ui.resultBody.append(laterPart);
    laterPart = null;
  }

  function revealResult(asked) {
    show("result");
    addLaterPart();
    if (asked.crisis) showCrisisHelp();
    // The clinic's box and booking link only where talking about this treatment is the next step:
    // never with crisis help, for someone under 18, a label contraindication or "other steps first".
    if (ui.clinic) ui.clinic.hidden = !asked.conversation;
    ui.status.textContent = "";
  }

  function renderNoEngine(reason) {
    show("result");
    delete ui.result.dataset.tier;
    if (ui.clinic) ui.clinic.hidden = true; // no result, so nothing says a conversation is the next step
    ui.resultTitle.textContent = "We could not work out a result in this browser";
    const offer = element("p", {});
    if (engine.canRetry()) {
      const again = element("button", { type: "button", class: "md-button", "data-sc-retry": "" }, "Try again");
      again.addEventListener("click", () => engine.retry());
      offer.append(again);
    }
    ui.resultBody.replaceChildren(
      element("p", {}, "The part of this page that works out the result could not start. Your answers are still here. You can print them and take them to an appointment."),
      offer,
      element("p", {}, `${bank.notice}`),
      yourAnswers(shownQuestions()),
    );
    // Trying again, from here or from the status line, asks for the result once more and shows it
    // when the engine is ready, unless the person has gone back to their answers meanwhile.
    engine.onRetry = () => {
      if (step !== "result" || ui.result.dataset.tier) return;
      const focused = ui.result.contains(document.activeElement);
      ui.resultTitle.textContent = "Trying again to work out your result";
      offer.replaceChildren("This can take a while on a slow connection. Your result will show here when it is ready.");
      if (focused) focusHeading(ui.resultTitle); // the button it was on is gone
      requestResult().wanted = true;
      engine.resultWanted();
    };
    if (reason) ui.status.textContent = `The answers could not be checked: ${reason}`;
  }

  function yourAnswers(shown) {
    const yours = element("div", { class: "sc-result__answers" });
    yours.append(element("h3", {}, "Your answers"), element("dl", { class: "sc-review__list" }, answerList(shown)));
    return yours;
  }

  function section(title, items) {
    if (!items || !items.length) return [];
    const list = element("ul");
    for (const text of items) list.append(element("li", {}, text));
    return [element("h3", {}, title), list];
  }

  ui.crisis.hidden = true;
  root.classList.remove("sc--starting");
  root.classList.add("sc--enhanced");
  updateCrisis();
  // On load, show the first question without moving focus or scrolling the page.
  for (const question of questions.slice(1)) question.fieldset.hidden = true;
  visible = questions[0].fieldset;
  show(0, { focus: false });
}

// Runs `then` in a task of its own, queued now (after the task that is running).
function soon(then) {
  const channel = new MessageChannel();
  channel.port1.onmessage = () => then();
  channel.port2.postMessage(null);
}

// Runs `then` in a task of its own once the next frame has been painted.
function afterNextPaint(then) {
  requestAnimationFrame(() => soon(then));
}

function element(tag, attributes = {}, ...children) {
  const node = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, value);
  node.append(...children);
  return node;
}
