// Reads the token rules of tokens.json and expands their fragments, for the TextMate generator and the CodeMirror
// tokenizer alike, so that both see the very same regexes. No dependencies: it runs in Node and in a browser.

import tokens from "./tokens.json" with { type: "json" };

export { tokens };

const PLACEHOLDER = /\{\{([A-Za-z_.]+)\}\}/g;

// Fragments may use fragments; a cycle or an unknown name is an error in tokens.json, reported at load.
export function expand(source, seen = []) {
  return source.replace(PLACEHOLDER, (_, name) => {
    if (name.startsWith("words.")) {
      const list = tokens.words[name.slice("words.".length)];
      if (!Array.isArray(list)) throw new Error(`tokens.json: unknown word list \`${name}\``);
      return `(?:${list.join("|")})`;
    }
    const fragment = tokens.fragments[name];
    if (typeof fragment !== "string") throw new Error(`tokens.json: unknown fragment \`${name}\``);
    if (seen.includes(name)) throw new Error(`tokens.json: fragment \`${name}\` uses itself`);
    return expand(fragment, [...seen, name]);
  });
}

function classOf(name, where) {
  if (!Object.hasOwn(tokens.classes, name)) {
    throw new Error(`tokens.json: rule \`${where}\` names the unknown class \`${name}\``);
  }
  return name;
}

// Each rule, expanded: `{ id, match, class }`, `{ id, match, captures: { "1": class, … } }` or
// `{ id, begin, end, class, inside: [rule…] }` (a one-line region such as a string).
function compile(rule) {
  if (rule.begin !== undefined) {
    return {
      id: rule.id,
      begin: expand(rule.begin),
      end: expand(rule.end),
      class: classOf(rule.class, rule.id),
      inside: (rule.inside ?? []).map(compile),
    };
  }
  const compiled = { id: rule.id, match: expand(rule.match) };
  if (rule.captures) {
    compiled.captures = Object.fromEntries(
      Object.entries(rule.captures).map(([group, name]) => [group, classOf(name, rule.id)]),
    );
  } else {
    compiled.class = classOf(rule.class, rule.id);
  }
  return compiled;
}

export const rules = tokens.rules.map(compile);
export const classes = tokens.classes;
