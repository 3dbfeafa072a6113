/*
 * The u/jij checker in the browser: a line-by-line port of voice/checker.py, driven only by the data that
 * voice/engine_data.py exports from it (patterns, word lists, tables, messages, word rules, preferred verbs), so
 * the two engines cannot drift. tests/voice/test_js_engine.py runs both over the labelled corpus.
 *
 *   window.voiceChecker.check(text, form, data) -> {detected, form, findings}
 *
 * form is "u", "jij" or "auto"; each finding has start, end, text, rule, severity, message, suggestion, template and
 * params, as in Python. Offsets are JavaScript string indices (UTF-16 code units), Python's are code points: they
 * agree for text in the Basic Multilingual Plane (all Dutch text, the whole corpus); an emoji or another astral
 * character before a finding shifts the JavaScript offsets by one per character.
 *
 * A plain script: no build step, no dependency.
 */
(function () {
  "use strict";

  const engines = new WeakMap();

  /* The data's patterns compiled once per data object: "g" where Python uses finditer, "d" for group offsets. */
  function engineFor(data) {
    let engine = engines.get(data);
    if (engine) {
      return engine;
    }
    const patterns = data.patterns;
    const all = (spec) => new RegExp(spec.source, spec.flags + "g");
    const one = (spec) => new RegExp(spec.source, spec.flags);
    const perForm = (specs, make) => Object.fromEntries(Object.entries(specs).map(([form, spec]) => [form, make(spec)]));
    engine = {
      phrases: perForm(patterns.phrases, all),
      pronouns: perForm(patterns.pronouns, all),
      hour: one(patterns.hour),
      initial: one(patterns.initial),
      quotes: patterns.quotes.map(all),
      sentence: all(patterns.sentence),
      genericJe: one(patterns.generic_je),
      agreement: new RegExp(patterns.agreement.source, patterns.agreement.flags + "gd"),
      previousWord: one(patterns.previous_word),
      nextWord: one(patterns.next_word),
      notANoun: new Set(data.words.not_a_noun),
      subjectVerbs: new Set(data.words.subject_verbs),
      subordinators: new Set(data.words.subordinators),
      rules: data.rules.map((rule) => ({ ...rule, regex: rule.pattern ? all(rule.pattern) : null })),
      prefer: new Set(data.prefer),
    };
    engines.set(data, engine);
    return engine;
  }

  function has(table, key) {
    return Object.prototype.hasOwnProperty.call(table, key);
  }

  /* Python's "%(name)s" formatting, for the message templates. */
  function format(template, params) {
    let out = "";
    let index = 0;
    while (index < template.length) {
      const at = template.indexOf("%", index);
      if (at < 0) {
        out += template.slice(index);
        break;
      }
      out += template.slice(index, at);
      if (template[at + 1] === "%") {
        out += "%";
        index = at + 2;
        continue;
      }
      const close = template.indexOf(")s", at);
      if (template[at + 1] !== "(" || close < 0) {
        throw new Error("Unsupported format in " + template);
      }
      const name = template.slice(at + 2, close);
      if (!has(params, name)) {
        throw new Error("Missing " + name + " for " + template);
      }
      out += String(params[name]);
      index = close + 2;
    }
    return out;
  }

  function isUpper(char) {
    return char !== char.toLowerCase() && char === char.toUpperCase();
  }

  function finding(start, end, text, rule, severity, template, params, suggestion) {
    const message = format(template, params);
    return { start, end, text, rule, severity, message, suggestion: suggestion || "", template, params };
  }

  /* Sorted spans with a quick "is this position inside one of them?" (bisect, not a scan per word). */
  class Spans {
    constructor(spans, reach) {
      this.spans = spans.slice().sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      this.starts = this.spans.map((span) => span[0]);
      this.reach = reach;
    }

    at(position) {
      let low = 0;
      let high = this.starts.length;
      while (low < high) {
        const middle = (low + high) >> 1;
        if (position < this.starts[middle]) {
          high = middle;
        } else {
          low = middle + 1;
        }
      }
      // Quotation patterns may overlap; look back over the few spans that start before the position.
      for (let index = low - 1; index >= 0; index -= 1) {
        const [start, end] = this.spans[index];
        if (start <= position && position < end) {
          return this.spans[index];
        }
        if (position - start > this.reach) {
          break;
        }
      }
      return null;
    }

    has(position) {
      return this.at(position) !== null;
    }
  }

  function spansOf(text, regex) {
    return Array.from(text.matchAll(regex), (match) => [match.index, match.index + match[0].length]);
  }

  function quotedSpans(text, engine, data) {
    return new Spans(
      engine.quotes.flatMap((regex) => spansOf(text, regex)),
      data.reach.span,
    );
  }

  function usesOf(text, engine, data, quoted, sentences) {
    const uses = [];
    const phrases = [];
    for (const form of data.forms) {
      for (const match of text.matchAll(engine.phrases[form])) {
        if (!quoted.has(match.index)) {
          const end = match.index + match[0].length;
          uses.push({ form, start: match.index, end, kind: "phrase", generic: false });
          phrases.push([match.index, end]);
        }
      }
    }
    const taken = new Spans(phrases, data.reach.span);
    for (const form of data.forms) {
      for (const match of text.matchAll(engine.pronouns[form])) {
        const start = match.index;
        const end = start + match[0].length;
        if (quoted.has(start) || taken.has(start)) {
          continue;
        }
        const word = match[0].toLowerCase();
        const before = text.slice(Math.max(0, start - data.reach.hour), start);
        if (form === "u" && word === "u" && (engine.hour.test(before) || engine.initial.test(before))) {
          continue; // 10 u: the hour; de heer U. Demir: an initial
        }
        const sentence = word === "je" ? sentences.at(start) : null;
        const generic = Boolean(sentence) && engine.genericJe.test(text.slice(sentence[0], sentence[1]));
        uses.push({ form, start, end, kind: "pronoun", generic });
      }
    }
    return uses.sort((a, b) => a.start - b.start);
  }

  function decide(uses, form, forms) {
    const counts = Object.fromEntries(forms.map((name) => [name, 0]));
    for (const use of uses) {
      if (!use.generic) {
        counts[use.form] += 1;
      }
    }
    const [u, jij] = forms;
    let detected = "none";
    if (counts[u] && counts[jij]) {
      detected = "mixed";
    } else if (counts[u] || counts[jij]) {
      detected = counts[u] ? u : jij;
    }
    if (forms.includes(form)) {
      return [detected, form];
    }
    if (!counts[u] && !counts[jij]) {
      return [detected, ""];
    }
    if (counts[u] !== counts[jij]) {
      return [detected, counts[u] > counts[jij] ? u : jij];
    }
    return [detected, uses.find((use) => !use.generic).form]; // a tie: the first clear use decides
  }

  /* Is this "je" (or "jullie") a possessive ("bel je adviseur"), not the subject ("als je belt")? */
  function possessive(engine, data, previous, following) {
    if (has(data.inversion, previous) || engine.subordinators.has(previous) || !following) {
      return false;
    }
    return !engine.notANoun.has(following) && !engine.subjectVerbs.has(following);
  }

  function addressFinding(text, use, target, engine, data) {
    const found = text.slice(use.start, use.end);
    const lower = found.toLowerCase();
    const reach = data.reach.word;
    const previousMatch = engine.previousWord.exec(text.slice(Math.max(0, use.start - reach), use.start));
    const previous = previousMatch ? previousMatch[1].toLowerCase() : "";
    const followingMatch = engine.nextWord.exec(text.slice(use.end, use.end + reach));
    const following = followingMatch ? followingMatch[1].toLowerCase() : "";
    const suggestions = data.suggestions;
    let suggestion;
    if (lower.startsWith(suggestions.thanks_prefix)) {
      suggestion = suggestions.thanks[target];
    } else if (has(suggestions.words[target], lower)) {
      suggestion = suggestions.words[target][lower];
    } else if (
      has(suggestions.possessive, target) &&
      suggestions.possessive_words.includes(lower) &&
      possessive(engine, data, previous, following)
    ) {
      suggestion = suggestions.possessive[target];
    } else {
      suggestion = suggestions.pronoun[target];
    }
    let template = data.messages.address;
    let params = { form: target, suggestion, found };
    const other = suggestions.pronoun[target === data.forms[0] ? data.forms[1] : data.forms[0]];
    if (has(data.inverted[target], previous) && lower === other) {
      template = data.messages.inverted;
      params = {
        form: target,
        verb: data.inverted[target][previous],
        pronoun: suggestions.pronoun[target],
        previous,
        other,
      };
    }
    if (isUpper(found.slice(0, 1))) {
      suggestion = suggestion.slice(0, 1).toUpperCase() + suggestion.slice(1);
    }
    return finding(
      use.start,
      use.end,
      found,
      data.rule_ids.address[target],
      data.severities.error,
      template,
      params,
      suggestion,
    );
  }

  /* For "u", one text keeps to one verb form; a preferred verb wins, else the majority, on a tie the first one. */
  function agreementFindings(text, quoted, engine, data) {
    const findings = [];
    const matches = Array.from(text.matchAll(engine.agreement)).filter((match) => !quoted.has(match.index));
    for (const pair of data.agreement) {
      const seen = [];
      for (const match of matches) {
        const name = match.groups.after !== undefined ? "after" : "before";
        const verb = match.groups[name].toLowerCase();
        if (pair.includes(verb)) {
          const [start, end] = match.indices.groups[name];
          seen.push([verb, start, end]);
        }
      }
      const preferred = pair.filter((verb) => engine.prefer.has(verb));
      const counts = new Map();
      for (const [verb] of seen) {
        counts.set(verb, (counts.get(verb) || 0) + 1);
      }
      let keep;
      let template;
      if (preferred.length) {
        keep = preferred[0];
        template = data.messages.preferred;
      } else if (counts.size < 2) {
        continue;
      } else {
        const first = seen[0][0];
        const weight = (verb) => [counts.get(verb) || 0, verb === first ? 1 : 0];
        const [a, b] = pair.map(weight);
        // Python's max() keeps the first of equal keys.
        keep = b[0] > a[0] || (b[0] === a[0] && b[1] > a[1]) ? pair[1] : pair[0];
        template = data.messages.agreement;
      }
      for (const [verb, start, end] of seen) {
        if (verb !== keep) {
          const found = text.slice(start, end);
          findings.push(
            finding(start, end, found, data.rule_ids.agreement, data.severities.warning, template, { keep, found }, keep),
          );
        }
      }
    }
    return findings;
  }

  function wordFindings(text, quoted, engine, data) {
    const findings = [];
    for (const rule of engine.rules) {
      if (!rule.regex) {
        continue;
      }
      for (const match of text.matchAll(rule.regex)) {
        if (quoted.has(match.index)) {
          continue;
        }
        const found = match[0];
        const template = rule.reason ? data.messages.avoid_because : data.messages.avoid;
        const suggestion = rule.replacements.join(" / ");
        const params = { found, reason: rule.reason };
        const end = match.index + found.length;
        findings.push(finding(match.index, end, found, rule.id, rule.severity, template, params, suggestion));
      }
    }
    return findings;
  }

  /* Check a text against a form of address ("u", "jij" or "auto"), the word rules and the preferred u-verbs. */
  function check(text, form, data) {
    form = form || "auto";
    if (!data.forms.includes(form) && form !== "auto") {
      throw new Error("form must be 'u', 'jij' or 'auto', not " + form);
    }
    const engine = engineFor(data);
    const quoted = quotedSpans(text, engine, data);
    const sentences = new Spans(spansOf(text, engine.sentence), data.reach.span);
    const uses = usesOf(text, engine, data, quoted, sentences);
    const [detected, target] = decide(uses, form, data.forms);
    const findings = [];
    for (const use of uses) {
      if (use.generic) {
        if (target === "u") {
          const found = text.slice(use.start, use.end);
          const generic = data.suggestions.generic_je;
          findings.push(
            finding(use.start, use.end, found, data.rule_ids.generic_je, data.severities.advice, data.messages.generic_je, {}, generic),
          );
        }
      } else if (target && use.form !== target) {
        findings.push(addressFinding(text, use, target, engine, data));
      }
    }
    if (target === "u") {
      findings.push(...agreementFindings(text, quoted, engine, data));
    }
    findings.push(...wordFindings(text, quoted, engine, data));
    findings.sort((a, b) => a.start - b.start || a.end - b.end);
    return { detected, form: target, findings };
  }

  window.voiceChecker = { check };
})();
