/**
 * Three-valued AND / OR / NOT over compiled tests (Kleene logic: false AND unknown = false, true OR unknown =
 * true, NOT unknown = unknown), so an outcome that does not depend on unfetched details settles without them.
 */
import type { Test } from './condition';

export function allOf(tests: Test[]): Test {
  return tests.length === 1 ? tests[0] : settledBy(false, tests);
}

export function anyOf(tests: Test[]): Test {
  return settledBy(true, tests);
}

export function negated(test: Test): Test {
  return (a, tags) => {
    const v = test(a, tags);
    return v === undefined ? undefined : !v;
  };
}

/** The first test giving `decisive` settles it (false for AND, true for OR); else unknown if one was unknown. */
function settledBy(decisive: boolean, tests: Test[]): Test {
  return (a, tags) => {
    let unknown = false;
    for (const t of tests) {
      const v = t(a, tags);
      if (v === decisive) return decisive;
      if (v === undefined) unknown = true;
    }
    return unknown ? undefined : !decisive;
  };
}
