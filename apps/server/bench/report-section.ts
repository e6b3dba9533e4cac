/**
 * docs/performance.md is shared by several benchmarks: each one replaces only its own « ## »
 * section (from its heading to the next « ## » heading), or appends it when it is missing.
 */
export function replaceSection(previous: string, heading: string, section: string): string {
  const body = section.replace(/\n*$/, '\n');
  const from = previous.startsWith(`${heading}\n`)
    ? 0
    : previous.indexOf(`\n${heading}\n`) + 1 || -1;
  if (from === -1) return previous ? `${previous.replace(/\n*$/, '\n')}\n${body}` : body;
  const end = previous.indexOf('\n## ', from + heading.length);
  return previous.slice(0, from) + body + (end === -1 ? '' : `\n${previous.slice(end + 1)}`);
}
