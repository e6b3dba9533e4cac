// Lists every function, method and arrow function of the server, shared and web sources that is
// 120 lines or longer (tests, seeds and migrations aside), longest first; exits 1 when one is
// over 120 lines. `npm run check:functions`, `-- --min 80` to list shorter ones too.
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import ts from 'typescript';

const root = resolve(fileURLToPath(import.meta.url), '../../../..');
const sourceFolders = ['apps/server/src', 'packages/shared/src', 'apps/web/src'];
const excluded = [/\.test\.ts$/, /\/db\/seed\//, /\/db\/migrations\//, /\.d\.ts$/];
const limit = 120;

function minimumFromArguments(): number {
  const at = process.argv.indexOf('--min');
  const value = at >= 0 ? Number(process.argv[at + 1]) : limit;
  return Number.isInteger(value) && value > 0 ? value : limit;
}

function sourceFiles(folder: string): string[] {
  return readdirSync(folder, { withFileTypes: true, recursive: true })
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => join(entry.parentPath, entry.name))
    .filter((path) => !excluded.some((pattern) => pattern.test(path)))
    .sort();
}

interface LongFunction {
  file: string;
  line: number;
  name: string;
  lines: number;
}

function functionName(node: ts.FunctionLikeDeclaration): string {
  if (node.name && !ts.isComputedPropertyName(node.name)) return node.name.getText();
  const parent = node.parent;
  if (ts.isVariableDeclaration(parent) || ts.isPropertyAssignment(parent)) {
    return parent.name.getText();
  }
  if (ts.isPropertyDeclaration(parent)) return parent.name.getText();
  if (ts.isCallExpression(parent)) {
    return `(callback of ${parent.expression.getText().slice(0, 40)})`;
  }
  return '(anonymous)';
}

function longFunctions(path: string, minimum: number): LongFunction[] {
  const text = readFileSync(path, 'utf8');
  const source = ts.createSourceFile(path, text, ts.ScriptTarget.Latest, true);
  const found: LongFunction[] = [];
  const visit = (node: ts.Node): void => {
    if (ts.isFunctionLike(node) && 'body' in node && node.body) {
      const declaration = node;
      const start = source.getLineAndCharacterOfPosition(declaration.getStart(source)).line;
      const end = source.getLineAndCharacterOfPosition(declaration.getEnd()).line;
      const lines = end - start + 1;
      if (lines >= minimum) {
        found.push({
          file: relative(root, path),
          line: start + 1,
          name: functionName(declaration),
          lines,
        });
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return found;
}

const minimum = minimumFromArguments();
const all = sourceFolders
  .flatMap((folder) => sourceFiles(join(root, folder)))
  .flatMap((path) => longFunctions(path, minimum))
  .sort((a, b) => b.lines - a.lines);

for (const found of all) {
  console.log(`${String(found.lines).padStart(4)}  ${found.file}:${found.line}  ${found.name}`);
}
const over = all.filter((found) => found.lines > limit);
console.log(
  over.length === 0
    ? `No function over ${limit} lines.`
    : `${over.length} function(s) over ${limit} lines.`,
);
process.exitCode = over.length === 0 ? 0 : 1;
