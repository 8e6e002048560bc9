/**
 * Rule-set text (YAML, or JSON, which is YAML 1.2) to plain data. One parser for both, so duplicate keys are
 * an error in either. It also keeps the source text of every number whose JS value would print differently
 * (`1.50`, `007`, a 19-digit id), so a number written where text is expected is read exactly as written.
 */
import { isMap, isScalar, isSeq, parseDocument, type Node } from 'yaml';
import { fieldPath, type InputIssue, type Path } from '../errors';

export interface RuleSetDocument {
  data: unknown;
  /** field path -> source text, for numbers whose `String(value)` is not what the user wrote */
  numberTexts: ReadonlyMap<string, string>;
}

export function readDocument(text: string): RuleSetDocument | { issues: InputIssue[] } {
  const doc = parseDocument(text, { uniqueKeys: true });
  if (doc.errors.length > 0) {
    return {
      issues: doc.errors.map((e) => ({
        field: e.linePos ? `line ${e.linePos[0].line}, column ${e.linePos[0].col}` : '',
        message: `${e.message.replace(/ at line \d+, column \d+:[\s\S]*$/, '')} (the file is not valid YAML or JSON)`,
      })),
    };
  }
  const numberTexts = new Map<string, string>();
  collectNumberTexts(doc.contents, [], numberTexts);
  return { data: doc.toJS({ maxAliasCount: 100 }), numberTexts };
}

function collectNumberTexts(node: Node | null | unknown, path: Path, out: Map<string, string>): void {
  if (isMap(node)) {
    for (const pair of node.items) collectNumberTexts(pair.value, [...path, String(isScalar(pair.key) ? pair.key.value : pair.key)], out);
  } else if (isSeq(node)) {
    node.items.forEach((item, i) => collectNumberTexts(item, [...path, i], out));
  } else if (isScalar(node) && typeof node.value === 'number' && node.source !== undefined && node.source !== String(node.value)) {
    out.set(fieldPath(path), node.source);
  }
}
