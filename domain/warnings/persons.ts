/**
 * Distinct people among petitioners, each given as the opaque keys that identify them (the keyed
 * blind indexes of the ID number and the phone). Two petitioners sharing any key are one person.
 * Only the number leaves this function: no list of people is ever built from it.
 */
export function countDistinctPersons(petitioners: readonly (readonly string[])[]): number {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r)!;
    parent.set(x, r);
    return r;
  };
  let people = 0;
  for (const keys of petitioners) {
    const known = keys.filter((k) => k.length > 0);
    if (known.length === 0) continue; // an unidentified petitioner is not counted as anyone
    for (const k of known) {
      if (!parent.has(k)) {
        parent.set(k, k);
        people += 1;
      }
    }
    const root = find(known[0]!);
    for (const k of known.slice(1)) {
      const r = find(k);
      if (r !== root) {
        parent.set(r, root);
        people -= 1;
      }
    }
  }
  return people;
}
