/**
 * The commands the README's HTTP section shows, word for word (`$URL` stands for the trigger URL): the remote
 * test runs each of them against the local FC, and the README test checks the section shows no other.
 */
export const README_HTTP_COMMANDS: readonly (readonly string[])[] = [
  ['remote', 'rules', '--url', '"$URL"'],
  ['remote', 'plan', '--url', '"$URL"', '--rule-set', 'governance', '--project', '10001'],
  ['remote', 'run', '--url', '"$URL"', '--rule-set', 'governance', '--project', '10001'],
  ['remote', 'plan', '--url', '"$URL"', '--rules', 'rules/example.yaml', '--json'],
];

/** A README command as the CLI's argv, the trigger URL filled in. */
export const withUrl = (words: readonly string[], url: string) => words.map((w) => (w === '"$URL"' ? url : w));
