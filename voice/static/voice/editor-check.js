/*
 * The tone of voice in Wagtail's content checks (the editor's "Checks" panel and the userbar on a page): the
 * evaluate function of the Axe checks that voice/editor.py configures, registered through the userbar element's
 * registerCheck before Wagtail starts Axe on window load.
 *
 * Axe asks about one element at a time, but mixing "u" and "je" is a property of the whole text. So the main text
 * (of `main, [role="main"]`, else the body) is judged once, as one text of its blocks in page order, with checker.js
 * and the rules voice/engine_data.py exported; an element the Axe rule selects fails when a finding of its check's
 * kind lies in its own text. The verdict is kept until the page changes.
 */
(function () {
  "use strict";

  const DATA_ID = "voice-checker-data";
  const ROOT = 'main, [role="main"]';
  const SKIP = "script, style, noscript, template, [hidden], [aria-hidden='true'], wagtail-userbar";

  let settings;
  let judged = null;

  /* The JSON that VoiceCheckerItem renders inside the userbar: the form, the selectors, the check ids, the data. */
  function loadSettings() {
    if (settings === undefined) {
      const userbar = document.querySelector("wagtail-userbar");
      const template = document.getElementById("wagtail-userbar-template");
      const script =
        userbar?.shadowRoot?.getElementById(DATA_ID) ||
        template?.content.getElementById(DATA_ID) ||
        document.getElementById(DATA_ID);
      settings = script ? JSON.parse(script.textContent) : null;
    }
    return settings;
  }

  function collapse(text) {
    return text.split(/\s+/u).filter(Boolean).join(" ");
  }

  /* The main text as blocks in page order: each text node belongs to its nearest block (or link, button, label). */
  function blocksOf(doc) {
    const root = doc.querySelector(ROOT) || doc.body;
    const parts = new Map();
    const walker = doc.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let node = walker.nextNode(); node; node = walker.nextNode()) {
      const parent = node.parentElement;
      if (!parent || parent.closest(SKIP)) {
        continue;
      }
      let owner = parent.closest(settings.blocks) || parent.closest(settings.controls);
      if (!owner || !root.contains(owner)) {
        owner = parent; // text outside any block still counts for the verdict, though Axe cannot point at it
      }
      if (!parts.has(owner)) {
        parts.set(owner, []);
      }
      parts.get(owner).push(node.data);
    }
    const blocks = [];
    let offset = 0;
    for (const [element, texts] of parts) {
      const text = collapse(texts.join(""));
      if (text) {
        blocks.push({ element, text, start: offset });
        offset += text.length + 1; // blocks are joined by a newline, which ends a sentence
      }
    }
    return blocks;
  }

  /* The findings of the whole main text, by the element whose text holds them; forgotten when the page changes. */
  function judge(doc) {
    if (judged && judged.document === doc) {
      return judged;
    }
    const blocks = blocksOf(doc);
    const text = blocks.map((block) => block.text).join("\n");
    const report = window.voiceChecker.check(text, settings.form, settings.engine);
    const byElement = new Map();
    let index = 0;
    for (const finding of report.findings) {
      while (index + 1 < blocks.length && blocks[index + 1].start <= finding.start) {
        index += 1;
      }
      const element = blocks[index].element;
      if (!byElement.has(element)) {
        byElement.set(element, []);
      }
      byElement.get(element).push(finding);
    }
    judged = { document: doc, detected: report.detected, form: report.form, byElement };
    const observer = new MutationObserver(() => {
      judged = null;
      observer.disconnect();
    });
    observer.observe(doc.documentElement, { subtree: true, childList: true, characterData: true, attributes: true });
    return judged;
  }

  function ruleIds(kind, engine) {
    const ids = {
      address: Object.values(engine.rule_ids.address),
      agreement: [engine.rule_ids.agreement],
      generic_je: [engine.rule_ids.generic_je],
      words: engine.rules.map((rule) => rule.id),
    };
    return ids[kind] || [];
  }

  /* Axe's evaluate: false (an issue) when this element's text holds a finding of the check's kind. */
  function evaluate(node, options) {
    if (!loadSettings()) {
      return true;
    }
    const page = judge(node.ownerDocument);
    const ids = ruleIds(options.findings, settings.engine);
    const findings = (page.byElement.get(node) || []).filter((finding) => ids.includes(finding.rule));
    if (!findings.length) {
      return true;
    }
    // The outliers with their text, message and suggestion, in Axe's result for this element.
    this.data({
      detected: page.detected,
      form: page.form,
      findings: findings.map(({ text, message, suggestion }) => ({ text, message, suggestion })),
    });
    return false;
  }

  function register(userbar) {
    if (!loadSettings()) {
      return;
    }
    for (const id of settings.checks) {
      userbar.registerCheck(id, evaluate);
    }
  }

  const userbar = document.querySelector("wagtail-userbar");
  if (userbar && typeof userbar.registerCheck === "function") {
    register(userbar);
  } else if (userbar) {
    customElements.whenDefined("wagtail-userbar").then(() => register(userbar));
  }
})();
