/** An empty level (`a//b`, a leading `/`) is a real level: it gets a visible name. */
export function levelLabel(name: string): string {
  return name === '' ? '(empty)' : name;
}
