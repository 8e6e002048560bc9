/**
 * Ids filed under text prefixes, to find the ids whose prefix is comparable with a given one (one of the two
 * starts with the other): names with incomparable literal prefixes can never be equal, so only comparable
 * ones can meet. A trie, so a look-up walks the prefix and reads one subtree instead of every entry.
 */
interface Node {
  /** ids filed at exactly this prefix */
  ids: number[];
  /** ids filed at this prefix or below it */
  below: number;
  children: Map<string, Node>;
}

const node = (): Node => ({ ids: [], below: 0, children: new Map() });

export interface PrefixTrie {
  add(prefix: string, id: number): void;
  /** how many ids `comparable` returns */
  count(prefix: string): number;
  /** the ids filed at a prefix of `prefix` (including '') or at one extending it */
  comparable(prefix: string): number[];
}

export function prefixTrie(): PrefixTrie {
  const root = node();
  /** the nodes along `prefix` from the root, and the node at its end when the trie reaches that far */
  const walk = (prefix: string): { path: Node[]; end?: Node } => {
    const path: Node[] = [];
    let at: Node | undefined = root;
    for (let i = 0; at && i < prefix.length; i++) {
      path.push(at);
      at = at.children.get(prefix[i]);
    }
    return { path, end: at };
  };
  return {
    add(prefix, id) {
      let at = root;
      at.below++;
      // by UTF-16 unit, as startsWith compares
      for (let i = 0; i < prefix.length; i++) {
        let next = at.children.get(prefix[i]);
        if (!next) at.children.set(prefix[i], (next = node()));
        at = next;
        at.below++;
      }
      at.ids.push(id);
    },
    count(prefix) {
      const { path, end } = walk(prefix);
      return path.reduce((n, p) => n + p.ids.length, end?.below ?? 0);
    },
    comparable(prefix) {
      const { path, end } = walk(prefix);
      const out = path.flatMap((p) => p.ids);
      // every id at or below the end, without recursion (prefixes may be long)
      const stack = end ? [end] : [];
      for (let n = stack.pop(); n; n = stack.pop()) {
        for (const id of n.ids) out.push(id);
        for (const child of n.children.values()) stack.push(child);
      }
      return out;
    },
  };
}
