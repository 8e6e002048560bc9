/** The issues an input or configuration error carries, for tests that check what a parser refuses and why. */
import type { InputIssue } from '../../shared/errors';

type IssuesError = abstract new (...args: never[]) => Error & { issues: InputIssue[] };

/** The issues of the `type` error `fn` throws; fails the test when it throws another error or none. */
export function issuesOf(fn: () => unknown, type: IssuesError): InputIssue[] {
  try {
    fn();
  } catch (e) {
    expect(e).toBeInstanceOf(type);
    return (e as InstanceType<IssuesError>).issues;
  }
  throw new Error(`expected a ${type.name}`);
}
