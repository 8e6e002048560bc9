/**
 * The `formatVersion` of every JSON document autotag prints (the CLI's --json documents, its error documents)
 * and answers (the HTTP function's bodies): one number for all of them, and the one helper that sets it. It
 * changes only when a field changes meaning or goes away; a new field does not change it, so a reader checks
 * `formatVersion` and ignores fields it does not know. Formats read back have their own version, checked on
 * reading (a saved plan's header, a continuation cursor), as have formats defined elsewhere (a JSON Schema, a
 * RAM policy), which carry none.
 */
export const FORMAT_VERSION = 1;

/**
 * `doc` with `formatVersion` first. A document that already carries one keeps it: a report relayed from the
 * HTTP function says the version it was made in.
 */
export function versioned<T extends object>(doc: T): { formatVersion: number } & T {
  return { formatVersion: FORMAT_VERSION, ...doc };
}
