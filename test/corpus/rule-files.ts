/**
 * Bad rule files, as data: what goes in, and what must come out — the CLI's exit code, the HTTP status when
 * the same text is sent inline (`POST /runs` with `rules`), and the issue's field and message (what is wrong
 * and how to fix it). Bundled with a function, each is a configuration error (INVALID_CONFIGURATION). Every
 * runner also checks that the emulator received no API call. The bad-input corpus of issue 10 grows from here.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, symlinkSync, writeFileSync } from 'node:fs';

export interface BadRuleFile {
  id: string;
  /** the file's text or bytes, or a path that is not a regular file */
  input: { text: string } | { bytes: Buffer } | { special: 'fifo' | 'device' | 'directory' };
  /** the issue's field: `line L, column C`, a field path such as `rules[0].tags.layer`, or '' for the whole file */
  field: string | RegExp;
  /** what the message must say: the problem and the fix */
  says: RegExp;
  /** `autotag plan` / `autotag validate` */
  exitCode: 2;
  /**
   * `POST /runs` with the text as `rules`: its status, and the field when it differs (bytes that are not text
   * make the body itself not UTF-8). Absent: there is no inline form (a FIFO).
   */
  http?: { status: 400 | 413; field?: string | RegExp };
}

const HEAD = 'version: 1\ntagKeys:\n  - key: layer\nsources:\n  tagged: true\nrules:\n';
/** a valid rule set whose one rule's tag value, match or tail is `...` */
const ruleWith = (tags: string, name = '"ods_*"') => `${HEAD}  - id: r1\n    match: { name: ${name} }\n    tags: { layer: ${tags} }\n`;
/** `text` with its `#` replaced by `bytes` */
const withBytes = (text: string, bytes: number[]) => Buffer.concat([Buffer.from(text.slice(0, text.indexOf('#'))), Buffer.from(bytes), Buffer.from(text.slice(text.indexOf('#') + 1))]);
const utf16le = (text: string) => Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, 'utf16le')]);
const utf16be = (text: string) => Buffer.from(utf16le(text).map((_, i, b) => b[i ^ 1]));
const LINE = /^line \d+, column \d+$/;
const NOT_UTF8 = { status: 400 as const, field: 'body' };
const NESTED = /nested more than 64 levels deep .*flatten it/;

export const BAD_RULE_FILES: BadRuleFile[] = [
  // syntax and the parser's own limits
  { id: 'syntax error', input: { text: `${HEAD}  - id: [r1\n` }, field: LINE, says: /not valid YAML or JSON/, exitCode: 2, http: { status: 400 } },
  { id: 'two documents', input: { text: 'version: 1\n---\nversion: 1\n' }, field: 'line 2, column 1', says: /multiple documents.*not valid YAML or JSON/i, exitCode: 2, http: { status: 400 } },
  { id: 'YAML flow nested 5,000 deep', input: { text: `${'['.repeat(5000)}${']'.repeat(5000)}` }, field: LINE, says: NESTED, exitCode: 2, http: { status: 400 } },
  { id: 'JSON nested 5,000 deep', input: { text: `${'{"a":'.repeat(5000)}1${'}'.repeat(5000)}` }, field: LINE, says: NESTED, exitCode: 2, http: { status: 400 } },
  {
    id: 'YAML block nested 1,000 deep',
    input: { text: Array.from({ length: 1000 }, (_, i) => `${' '.repeat(i)}a:`).join('\n') + ' 1\n' },
    field: LINE,
    says: NESTED,
    exitCode: 2,
    http: { status: 413 },
  },
  { id: 'nested 100 deep (the parser copes, the limit does not)', input: { text: `version: 1\nx: ${'['.repeat(100)}${']'.repeat(100)}\n` }, field: LINE, says: NESTED, exitCode: 2, http: { status: 400 } },
  {
    id: 'a billion laughs of aliases',
    input: { text: `version: 1\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\nd: [*c,*c,*c,*c,*c,*c,*c,*c,*c]\n` },
    field: '',
    says: /alias.*use fewer aliases/i,
    exitCode: 2,
    http: { status: 400 },
  },
  { id: 'an alias inside its own anchor', input: { text: 'version: 1\na: &a [*a]\n' }, field: '', says: /nested more than 64 levels.*alias/, exitCode: 2, http: { status: 400 } },
  // encodings
  { id: 'invalid UTF-8', input: { bytes: withBytes(ruleWith('"od#"'), [0xc3, 0x28]) }, field: 'line 9, column 23', says: /byte 0xC3 is not UTF-8.*save or send it as UTF-8/, exitCode: 2, http: NOT_UTF8 },
  { id: 'Latin-1 text', input: { bytes: Buffer.from(ruleWith('"caf\u00e9"'), 'latin1') }, field: 'line 9, column 24', says: /byte 0xE9 is not UTF-8 \(is the text GBK or Latin-1\?\)/, exitCode: 2, http: NOT_UTF8 },
  { id: 'UTF-16 LE with a BOM', input: { bytes: utf16le(ruleWith('ods')) }, field: 'line 1, column 1', says: /UTF-16 \(little-endian\).*save or send it as UTF-8/, exitCode: 2, http: NOT_UTF8 },
  { id: 'UTF-16 BE with a BOM', input: { bytes: utf16be(ruleWith('ods')) }, field: 'line 1, column 1', says: /UTF-16 \(big-endian\)/, exitCode: 2, http: NOT_UTF8 },
  { id: 'UTF-16 LE without a BOM', input: { bytes: Buffer.from(ruleWith('ods'), 'utf16le') }, field: 'line 1, column 2', says: /NUL byte.*UTF-16/, exitCode: 2, http: NOT_UTF8 },
  { id: 'UTF-32 LE with a BOM', input: { bytes: Buffer.from([0xff, 0xfe, 0, 0, 0x76, 0, 0, 0]) }, field: 'line 1, column 1', says: /UTF-32 \(little-endian\)/, exitCode: 2, http: NOT_UTF8 },
  { id: 'a raw control character', input: { text: ruleWith('"o\u0007ds"') }, field: 'line 9, column 22', says: /control character U\+0007 is not allowed/, exitCode: 2, http: { status: 400 } },
  // JSON with comments
  { id: 'JSON with a // comment', input: { text: ('{\n  "version": 1, // the format\n  "rules": []\n}\n') }, field: 'line 2, column 17', says: /"\/\/" starts a comment, and JSON has none.*comments start with #/, exitCode: 2, http: { status: 400 } },
  { id: 'JSON with a /* */ comment', input: { text: ('{ "version": 1 /* v1 */ }') }, field: 'line 1, column 16', says: /"\/\*" starts a comment/, exitCode: 2, http: { status: 400 } },
  { id: 'JSON with a comment before it', input: { text: ('// rules\n{ "version": 1 }') }, field: 'line 1, column 1', says: /starts a comment/, exitCode: 2, http: { status: 400 } },
  // YAML tags
  { id: 'a !!js/function tag', input: { text: ruleWith('!!js/function "function () { return 1 }"') }, field: LINE, says: /Unresolved tag: tag:yaml.org,2002:js\/function.*remove the tag/, exitCode: 2, http: { status: 400 } },
  { id: 'a local !tag', input: { text: ruleWith('!ods ods') }, field: LINE, says: /Unresolved tag: !ods.*remove the tag/, exitCode: 2, http: { status: 400 } },
  { id: 'a !!binary value', input: { text: ruleWith('!!binary b2Rz') }, field: 'line 9, column 29', says: /the tag !!binary is not allowed.*remove the tag/, exitCode: 2, http: { status: 400 } },
  { id: 'a !!set', input: { text: `${HEAD}  - id: r1\n    match: { name: !!set { ods_a, ods_b } }\n    tags: { layer: ods }\n` }, field: LINE, says: /the tag !!set is not allowed/, exitCode: 2, http: { status: 400 } },
  { id: 'a !!timestamp', input: { text: ruleWith('!!timestamp 2026-01-01') }, field: LINE, says: /the tag !!timestamp is not allowed/, exitCode: 2, http: { status: 400 } },
  // values the API must never get
  { id: 'a tag value with a newline', input: { text: ruleWith('"ods\\nx"') }, field: 'rules[0].tags.layer', says: /tag value must not hold control characters or line breaks \(found U\+000A at character 4\)/, exitCode: 2, http: { status: 400 } },
  { id: 'a tag value with NUL', input: { text: ruleWith('"ods\\0"') }, field: 'rules[0].tags.layer', says: /found U\+0000/, exitCode: 2, http: { status: 400 } },
  { id: 'a tag value with a line separator', input: { text: ruleWith('"ods\\u2028"') }, field: 'rules[0].tags.layer', says: /found U\+2028/, exitCode: 2, http: { status: 400 } },
  {
    id: 'an allowed value with a tab',
    input: { text: 'version: 1\ntagKeys:\n  - key: layer\n    values: ["o\\tds"]\nsources:\n  tagged: true\nrules:\n  - id: r1\n    match: { name: "ods_*" }\n    tags: { layer: "o\\tds" }\n' },
    field: 'tagKeys[0].values[0]',
    says: /found U\+0009/,
    exitCode: 2,
    http: { status: 400 },
  },
  { id: 'a 64 KiB regex', input: { text: ruleWith('ods', `{ regex: "^${'a'.repeat(65536)}$" }`) }, field: 'rules[0].match.name', says: /the regex is 65,538 characters long, more than the 1,000 allowed: split it into a list/, exitCode: 2, http: { status: 400 } },
  { id: 'a 2,000-character glob', input: { text: ruleWith('ods', `"${'a'.repeat(2000)}*"`) }, field: 'rules[0].match.name', says: /the glob is 2,001 characters long/, exitCode: 2, http: { status: 400 } },
  // what the path is
  { id: 'over 1 MiB', input: { text: `${ruleWith('ods')}${'# padding\n'.repeat(110_000)}` }, field: '', says: /more than the 1,048,576 bytes \(1 MiB\) a rule set may have: split it/, exitCode: 2, http: { status: 413 } },
  { id: 'a FIFO', input: { special: 'fifo' }, field: '', says: /is a named pipe \(FIFO\), not a rule-set file/, exitCode: 2 },
  { id: '/dev/zero', input: { special: 'device' }, field: '', says: /is a device, not a rule-set file/, exitCode: 2 },
  { id: 'a directory', input: { special: 'directory' }, field: '', says: /is a directory, not a rule-set file/, exitCode: 2 },
];

/** Makes the case's rule file at `path` (a FIFO, a link to /dev/zero, a folder, or the bytes). */
export function writeRuleFile(path: string, input: BadRuleFile['input']): void {
  if ('text' in input) writeFileSync(path, input.text);
  else if ('bytes' in input) writeFileSync(path, input.bytes);
  else if (input.special === 'fifo') execFileSync('mkfifo', [path]);
  else if (input.special === 'device') symlinkSync('/dev/zero', path);
  else mkdirSync(path);
}

/** The case's input as the body of `POST /runs` (bytes that are not text go in as they are). */
export function inlineBody(input: BadRuleFile['input']): Buffer {
  if ('text' in input) return Buffer.from(JSON.stringify({ rules: input.text, dryRun: true }));
  if ('bytes' in input) return Buffer.concat([Buffer.from('{"dryRun":true,"rules":"'), input.bytes, Buffer.from('"}')]);
  throw new Error(`${input.special} has no inline form`);
}

/** Whether an issue names the expected field and says what is expected. */
export function issueMatches(issue: { field: string; message: string }, c: Pick<BadRuleFile, 'says'>, field: string | RegExp): boolean {
  return (typeof field === 'string' ? issue.field === field : field.test(issue.field)) && c.says.test(issue.message);
}
