// The solve and check pages: send the form to the JSON API, show what comes back. User text is
// only ever set as textContent or a form value; report HTML comes escaped from the server.
"use strict";

(() => {
  const $ = (id) => document.getElementById(id);
  let downloads = [];

  function say(text, kind) {
    const box = $("status");
    box.textContent = text;
    box.className = "status" + (kind ? " " + kind : "");
  }

  async function post(url, body) {
    const init = body instanceof FormData
      ? { method: "POST", body }
      : { method: "POST", headers: { "Content-Type": "application/json" },
          body: JSON.stringify(body) };
    let response;
    try {
      response = await fetch(url, init);
    } catch (err) {
      return { ok: false, status: 0, data: { message: "the server cannot be reached" } };
    }
    let data;
    try {
      data = await response.json();
    } catch (err) {
      data = { message: response.statusText || "the server sent no JSON" };
    }
    return { ok: response.ok, status: response.status, data };
  }

  function failure(result) {
    const where = result.data.field ? ` [${result.data.field}]` : "";
    const status = result.status ? ` (HTTP ${result.status})` : "";
    return `${result.data.message || "the request failed"}${where}${status}`;
  }

  function element(tag, props, ...children) {
    const node = document.createElement(tag);
    Object.assign(node, props || {});
    for (const child of children) {
      if (child !== null && child !== undefined) node.append(child);
    }
    return node;
  }

  // -- the solve page ----------------------------------------------------------------------

  function clearReport() {
    $("report").replaceChildren();
    $("downloads").hidden = true;
    downloads.forEach((url) => URL.revokeObjectURL(url));
    downloads = [];
  }

  function offer(link, text, type) {
    const url = URL.createObjectURL(new Blob([text], { type }));
    downloads.push(url);
    link.href = url;
  }

  function control(item, part) {
    const id = `field-${part}-${item.name}`;
    if (item.kind === "choice") {
      const select = element("select", { id });
      select.append(element("option", { value: "", textContent: "\u2014 choose \u2014" }));
      for (const choice of item.choices) {
        select.append(element("option", { value: choice.value, textContent: choice.label,
                                          selected: choice.value === item.value }));
      }
      return select;
    }
    if (item.kind === "multi") {
      const box = element("div", { id, className: "choices" });
      const chosen = new Set(Array.isArray(item.value) ? item.value : []);
      for (const choice of item.choices) {
        const tick = element("input", { type: "checkbox", value: choice.value,
                                        checked: chosen.has(choice.value) });
        box.append(element("label", { className: "choice" }, tick, " " + choice.label));
      }
      return box;
    }
    return element("input", { id, type: "text", value: item.value || "", spellcheck: false,
                              placeholder: item.missing ? "type a value" : "" });
  }

  let familyFields = {};

  function itemRow(item, part) {
    const row = element("div", { className: "reading-item" + (item.missing ? " missing" : "") });
    row.dataset.name = item.name;
    row.dataset.kind = item.kind;
    const input = control(item, part);
    row.append(element("label", { htmlFor: input.id, textContent: item.name }), input);
    if (item.source) row.append(element("span", { className: "source",
                                                  textContent: `\u2190 \u201c${item.source}\u201d` }));
    if (item.reason) row.append(element("span", { className: "reason",
                                                  textContent: `not read: ${item.reason}` }));
    return row;
  }

  function addFamilyFields(set, part, family) {
    const present = new Set([...set.querySelectorAll(".reading-item")].map((r) => r.dataset.name));
    for (const item of familyFields[family] || []) {
      if (!present.has(item.name)) set.append(itemRow(item, part));
    }
  }

  function showForm(form) {
    const parts = $("reading-parts");
    parts.replaceChildren();
    parts.dataset.title = form.title || "";
    familyFields = form.families || {};
    form.parts.forEach((part, index) => {
      const set = element("fieldset", { className: "reading-part" });
      set.dataset.label = part.label;
      set.dataset.question = part.question || "";
      set.append(element("legend", { textContent: part.label === "main" ? "The problem"
                                                                        : `Part (${part.label})` }));
      if (part.question) set.append(element("p", { className: "question", textContent: part.question }));
      for (const item of part.items) set.append(itemRow(item, index));
      const family = set.querySelector('[data-name="family"] select');
      if (family) family.addEventListener("change", () => addFamilyFields(set, index, family.value));
      parts.append(set);
    });
    const gaps = form.not_read.length;
    $("reading-note").textContent = gaps
      ? `${gaps} item(s) could not be read; they are marked below. Fill them in and solve.`
      : "Everything needed was read. Change anything that was misread and solve again.";
    $("reading").hidden = false;
    $("reading").open = gaps > 0;
  }

  function formValues() {
    const parts = [];
    for (const set of $("reading-parts").querySelectorAll("fieldset.reading-part")) {
      const fields = {};
      for (const row of set.querySelectorAll(".reading-item")) {
        if (row.dataset.kind === "multi") {
          fields[row.dataset.name] = [...row.querySelectorAll("input:checked")].map((t) => t.value);
        } else {
          fields[row.dataset.name] = row.querySelector("input, select").value.trim();
        }
      }
      parts.push({ label: set.dataset.label, question: set.dataset.question, fields });
    }
    return { title: $("reading-parts").dataset.title, parts };
  }

  async function solve(request) {
    request.witnesses = $("witnesses").checked;
    request.views = ["html", "markdown"];
    say("Solving exactly and running the independent checks\u2026");
    const result = await post("/api/solve", request);
    if (!result.ok) {
      if (result.data.form) showForm(result.data.form);
      say(failure(result), "bad");
      return;
    }
    const { views, ...contract } = result.data;
    $("report").innerHTML = views.html;
    offer($("download-md"), views.markdown, "text/markdown");
    offer($("download-json"), JSON.stringify(contract, null, 2) + "\n", "application/json");
    $("downloads").hidden = false;
    const skipped = (contract.not_answered || []).length;
    const verified = contract.parts.every((p) => p.verified) && !skipped;
    const cached = contract.cached ? ` (from the cache: the checks ran at ${contract.cached.witnesses_ran_at})` : "";
    const answered = skipped
      ? `answered ${contract.parts.length} of ${contract.parts.length + skipped} parts; ${skipped} could not be read (see the report)`
      : `${contract.parts.length} part(s), ${verified ? "every part verified" : "NOT VERIFIED"}`;
    say(`Solved: ${answered}${cached}.`, verified ? "ok" : "bad");
  }

  async function readAndSolve(event) {
    event.preventDefault();
    const problem = $("problem").value;
    if (!problem.trim()) {
      say("Paste a problem first.", "bad");
      return;
    }
    clearReport();
    $("reading").hidden = true;
    say("Reading\u2026");
    const read = await post("/api/read", { problem });
    if (!read.ok) {
      if (read.data.form) showForm(read.data.form);
      say(failure(read), "bad");
      return;
    }
    if (read.data.spec) {
      await solve({ problem });
      return;
    }
    showForm(read.data.form);
    if (!read.data.complete && !(read.data.form.answerable || []).length) {
      say("Some items could not be read: fill them in below, then solve.", "warn");
      return;
    }
    await solve({ problem });
  }

  async function solveForm(event) {
    event.preventDefault();
    clearReport();
    await solve({ form: formValues() });
  }

  function copied(button, ok) {
    button.textContent = ok ? "Copied" : "Copy failed";
    setTimeout(() => { button.textContent = "Copy LaTeX"; }, 1500);
  }

  function copyLatex(event) {
    const button = event.target.closest(".copy-latex");
    if (!button) return;
    const latex = button.dataset.latex;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(latex).then(() => copied(button, true),
                                                () => copied(button, false));
      return;
    }
    const area = element("textarea", { value: latex, className: "offscreen" });
    document.body.append(area);
    area.select();
    copied(button, document.execCommand("copy"));
    area.remove();
  }

  // -- the check page ----------------------------------------------------------------------

  async function check(event) {
    event.preventDefault();
    const data = new FormData($("check-form"));
    const files = $("check-files").files.length;
    if (!$("check-answer").value.trim() && !files) {
      say("Paste an answer or choose answer files first.", "bad");
      return;
    }
    data.append("views", "html");
    $("check-reports").replaceChildren();
    say("Solving the problem and checking the answers\u2026");
    const result = await post("/api/check", data);
    if (!result.ok) {
      say(failure(result), "bad");
      return;
    }
    const reports = result.data.reports;
    $("check-reports").innerHTML = reports.map((r) => `<article class="check-report">${r.html}</article>`).join("");
    const scores = reports.map((r) => `${r.source}: ${Math.round(r.score * 100)}%`).join("; ");
    say(`Checked ${reports.length} answer(s) \u2014 ${scores}.`,
        reports.every((r) => r.score === 1) ? "ok" : "bad");
  }

  document.addEventListener("DOMContentLoaded", () => {
    if ($("solve-form")) {
      $("solve-form").addEventListener("submit", readAndSolve);
      $("reading-form").addEventListener("submit", solveForm);
      $("report").addEventListener("click", copyLatex);
    }
    if ($("check-form")) $("check-form").addEventListener("submit", check);
  });
})();
