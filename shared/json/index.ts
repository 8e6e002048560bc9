/**
 * Values of unknown shape (parsed JSON, a handler's result, a raw rule-set document): the one check that a
 * value is a plain object before its fields are read, closed objects for input schemas, did-you-mean, bytes that
 * must be UTF-8 text, decoded strictly, and the `formatVersion` of the JSON documents autotag prints.
 */
export { closed } from './closed';
export { closest } from './closest';
export { FORMAT_VERSION, versioned } from './format-version';

/** A non-null object that is not an array. */
export function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

export { decodeUtf8, type Utf8Outcome } from './utf8';
export { codePoint, lineColumn } from './text-place';
