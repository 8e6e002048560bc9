/**
 * What a rule set's text must not hold, checked before it is parsed: control characters (YAML forbids them,
 * and in a tag value a NUL or a newline would reach the API and the logs), and the comments of "JSON with
 * comments", which the YAML parser would otherwise read as odd keys or values, or fail on with a message that
 * does not say why.
 */
import type { InputIssue } from '../errors';
import { codePoint, lineColumn } from '../json';

// C0 and C1 controls other than tab, line feed and carriage return, and DEL
const CONTROL = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F-\u009F]/;

/** `line N, column M` of `offset`, as the parser's messages name a place. */
export function placeOf(text: string, offset: number): string {
  const { line, column } = lineColumn(text, offset);
  return `line ${line}, column ${column}`;
}

function controlIssue(text: string): InputIssue | undefined {
  const m = CONTROL.exec(text);
  if (!m) return undefined;
  return { field: placeOf(text, m.index), message: `control character ${codePoint(m[0])} is not allowed in a rule set: remove it (write a tab, a newline or a space instead)` };
}

/** The offset of a `//` or `/*` comment outside strings in a document written as JSON (it starts with `{`, `[` or a comment), or -1. */
function jsonCommentAt(text: string): number {
  const start = text.search(/\S/);
  if (start < 0 || !/[{[/]/.test(text[start])) return -1;
  let quote: string | undefined;
  for (let i = start; i < text.length; i++) {
    const c = text[i];
    if (quote) {
      if (c === '\\' && quote === '"') i++;
      else if (c === quote) quote = undefined;
    } else if (c === '"' || c === "'") {
      quote = c;
    } else if (c === '#' && /\s/.test(text[i - 1] ?? ' ')) {
      const end = text.indexOf('\n', i); // a YAML comment: whatever it says is not a JSON comment
      i = end < 0 ? text.length : end;
    } else if (c === '/' && (text[i + 1] === '/' || text[i + 1] === '*') && /[\s,{[]/.test(text[i - 1] ?? ' ')) {
      return i;
    }
  }
  return -1;
}

function jsonCommentIssue(text: string): InputIssue | undefined {
  const at = jsonCommentAt(text);
  if (at < 0) return undefined;
  return {
    field: placeOf(text, at),
    message: `"${text.slice(at, at + 2)}" starts a comment, and JSON has none (rule sets are YAML or plain JSON): remove the comment, or write the file as YAML, where comments start with #`,
  };
}

/** The first thing wrong with the raw text, if anything is. */
export function textIssues(text: string): InputIssue[] {
  const issue = controlIssue(text) ?? jsonCommentIssue(text);
  return issue ? [issue] : [];
}
