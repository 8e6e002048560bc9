/**
 * Three-valued AND / OR / NOT over compiled tests (Kleene logic: false AND unknown = false, true OR unknown =
 * true, NOT unknown = unknown), so an outcome that does not depend on unfetched details settles without them.
 */
import type { Test, Verdict } from './condition';

export function allOf(tests: Test[]): Test {
  if (tests.length === 1) return tests[0];
  return (a, tags) => {
    let unknown = false;
    for (const t of tests) {
      const v = t(a, tags);
      if (v === false) return false;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : true;
  };
}

export function anyOf(tests: Test[]): Test {
  return (a, tags) => {
    let unknown = false;
    for (const t of tests) {
      const v = t(a, tags);
      if (v === true) return true;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : false;
  };
}

export function negated(test: Test): Test {
  return (a, tags) => {
    const v: Verdict = test(a, tags);
    return v === undefined ? undefined : !v;
  };
}
