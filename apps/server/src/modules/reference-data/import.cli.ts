/** Command-line entry (see src/cli.ts). */
export function run(argv: string[]): Promise<number> {
  console.error(`Not implemented yet (${argv.join(' ')}).`);
  return Promise.resolve(1);
}
