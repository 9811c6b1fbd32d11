// kehoach highlighting for CodeMirror 6: a StreamLanguage that runs the token rules of editors/grammar/tokens.json,
// the same rules that generate the VS Code TextMate grammar, with TextMate's semantics (at each place, the first
// rule that matches there wins; a capture rule gives each group its class). Tests check that both editors give
// every character of the bundled plans the same class.
//
//   import { kehoach } from "editors/codemirror/kehoach.js";
//   new EditorView({ extensions: [basicSetup, kehoach()] });

import { LanguageSupport, StreamLanguage } from "@codemirror/language";
import { classes, rules } from "../grammar/rules.mjs";

// Sticky (`y`) so that a rule matches exactly where the tokenizer stands, on the whole line so that lookbehinds
// and `^` see what TextMate sees; `d` gives the places of capture groups, and costs time, so only those that have
// them get it.
const sticky = (source, flags = "y") => new RegExp(source, flags);

function prepare(rule) {
  if (rule.begin !== undefined) {
    return {
      begin: sticky(rule.begin),
      end: sticky(rule.end),
      class: rule.class,
      inside: rule.inside.map(prepare),
    };
  }
  return {
    match: sticky(rule.match, rule.captures ? "dy" : "y"),
    class: rule.class,
    captures: rule.captures,
  };
}

const prepared = rules.map(prepare);

function matchAt(regex, line, pos) {
  regex.lastIndex = pos;
  const found = regex.exec(line);
  return found && found[0].length > 0 ? found : null;
}

// The pieces of a capture rule's match, in order: `[end, class or null]`, absolute positions in the line.
function pieces(found, captures) {
  const out = [];
  let at = found.index;
  for (let group = 1; group < found.length; group += 1) {
    const span = found.indices[group];
    if (!span || span[0] === span[1]) continue;
    if (span[0] > at) out.push([span[0], null]);
    out.push([span[1], captures[group] ?? null]);
    at = span[1];
  }
  const end = found.index + found[0].length;
  if (end > at) out.push([end, null]);
  return out;
}

/** The class (a key of tokens.json's `classes`) of the token that `stream` stands at; advances past it. */
export function tokenClass(stream, state) {
  const line = stream.string;
  if (state.pending.length > 0) {
    const [end, name] = state.pending.shift();
    stream.pos = end;
    return name;
  }
  if (state.region) {
    const region = state.region;
    const closing = matchAt(region.end, line, stream.pos);
    if (closing) {
      stream.pos += closing[0].length;
      state.region = null;
      return region.class;
    }
    for (const rule of region.inside) {
      const found = matchAt(rule.match, line, stream.pos);
      if (found) {
        stream.pos += found[0].length;
        return rule.class;
      }
    }
    // Plain text of the region runs to the next place where its end or an inner rule matches.
    do stream.pos += 1;
    while (
      stream.pos < line.length &&
      !matchAt(region.end, line, stream.pos) &&
      !region.inside.some((rule) => matchAt(rule.match, line, stream.pos))
    );
    return region.class;
  }
  for (const rule of prepared) {
    if (rule.begin) {
      const found = matchAt(rule.begin, line, stream.pos);
      if (!found) continue;
      stream.pos += found[0].length;
      state.region = rule;
      return rule.class;
    }
    const found = matchAt(rule.match, line, stream.pos);
    if (!found) continue;
    if (!rule.captures) {
      stream.pos += found[0].length;
      return rule.class;
    }
    state.pending = pieces(found, rule.captures);
    return tokenClass(stream, state);
  }
  if (!stream.eatSpace()) stream.next();
  return null;
}

// Regions (strings) end with their line, as in the language; so do pending pieces.
function startLine(state) {
  state.region = null;
  state.pending = [];
}

export const streamParser = {
  name: "kehoach",
  startState: () => ({ region: null, pending: [], depth: 0 }),
  copyState: (state) => ({ region: state.region, pending: state.pending.slice(), depth: state.depth }),
  token(stream, state) {
    if (stream.sol()) startLine(state);
    const name = tokenClass(stream, state);
    if (name === "brace") {
      const brace = stream.string.charAt(stream.pos - 1);
      state.depth = Math.max(0, state.depth + (brace === "{" ? 1 : -1));
    }
    return name === null ? null : classes[name].codemirror;
  },
  blankLine: startLine,
  // Blocks indent by one unit per open `{`; a line that starts with `}` closes one first.
  indent(state, textAfter, context) {
    const closing = /^\s*\}/.test(textAfter) ? 1 : 0;
    return Math.max(0, state.depth - closing) * context.unit;
  },
  languageData: {
    commentTokens: { line: "//" },
    closeBrackets: { brackets: ["(", "{", '"'] },
    indentOnInput: /^\s*\}$/,
    wordChars: "_",
  },
};

export const kehoachLanguage = StreamLanguage.define(streamParser);

/** The kehoach language for an editor's extensions. */
export function kehoach() {
  return new LanguageSupport(kehoachLanguage);
}
