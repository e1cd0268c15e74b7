/**
 * The dependency rules of the layout (docs: /ARCHITECTURE notes, issue 13), checked
 * on every import the compiler would see — static, `export … from`, dynamic
 * `import()`, `import('x').T` types and `require()` — in indexer/, main/ and renderer/:
 *
 * - indexer/ imports no Electron, main/ or renderer/ code (it must run under plain Node);
 * - renderer/ takes from indexer/ only types from indexer/api/ and anything from
 *   indexer/common/ (the browser bundle must not pull Node code in);
 * - indexer/common/ imports no Node modules, no npm packages, nothing outside itself
 *   but types from indexer/api/ (so the renderer may import it);
 * - indexer/'s root holds only index.ts, the package's face.
 *
 * The rules are plain functions, first fed bad imports to show they can fail.
 * No source file may be over MAX_LINES lines, except the data tables named in DATA_TABLES.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { parseSync } from 'vite';
import { describe, expect, it } from 'vitest';
import { ROOT } from './helpers.js';

interface ImportRef {
  specifier: string;
  /** Erased at compile time: `import type`, `export type`, all specifiers `type`, or an `import('x')` type. */
  typeOnly: boolean;
  line: number;
}

const SOURCE = /\.(ts|tsx|cts|mts)$/;

/** An ESTree/TS-ESTree node as Vite's parser (oxc) gives it; only the fields read here. */
type AstNode = { type: string; start: number; [key: string]: unknown };
type Literal = AstNode & { value: unknown };

const isNode = (value: unknown): value is AstNode => !!value && typeof value === 'object' && typeof (value as AstNode).type === 'string';

/**
 * Every module a source file refers to, with whether the reference survives compilation.
 * Parsed with Vite's own parser (oxc, already a dependency for the renderer build): TypeScript 7's
 * compiler has no JavaScript API to walk a syntax tree with.
 */
function importsOf(fileName: string, text: string): ImportRef[] {
  const parsed = parseSync(fileName, text, { lang: fileName.endsWith('.tsx') ? 'tsx' : 'ts' });
  if (parsed.errors.length > 0) throw new Error(`${fileName}: the import scanner cannot parse it: ${parsed.errors[0]!.message}`);
  const lineStarts = [0];
  for (let i = 0; i < text.length; i++) if (text.charCodeAt(i) === 10) lineStarts.push(i + 1);
  const lineOf = (offset: number) => {
    let lo = 0;
    let hi = lineStarts.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >> 1;
      if (lineStarts[mid]! <= offset) lo = mid;
      else hi = mid - 1;
    }
    return lo + 1;
  };
  const found: ImportRef[] = [];
  const add = (node: AstNode, spec: unknown, typeOnly: boolean) => {
    if (isNode(spec) && spec.type === 'Literal' && typeof (spec as Literal).value === 'string') {
      found.push({ specifier: (spec as Literal).value as string, typeOnly, line: lineOf(node.start) });
    }
  };
  /** `import { type A, type B } from` is erased like `import type`; a bare `import 'x'` is not. */
  const allTypes = (specifiers: unknown, kindField: 'importKind' | 'exportKind', allowDefault: boolean) =>
    Array.isArray(specifiers) &&
    specifiers.length > 0 &&
    specifiers.every((e: AstNode) => e[kindField] === 'type' && (allowDefault || e.type !== 'ImportDefaultSpecifier'));
  const visit = (node: AstNode) => {
    switch (node.type) {
      case 'ImportDeclaration':
        add(node, node.source, node.importKind === 'type' || allTypes(node.specifiers, 'importKind', false));
        break;
      case 'ExportNamedDeclaration':
      case 'ExportAllDeclaration':
        add(node, node.source, node.exportKind === 'type' || allTypes(node.specifiers, 'exportKind', true));
        break;
      case 'TSImportEqualsDeclaration': {
        const ref = node.moduleReference;
        if (isNode(ref) && ref.type === 'TSExternalModuleReference') add(node, ref.expression, node.importKind === 'type');
        break;
      }
      case 'TSImportType':
        add(node, node.source ?? node.argument, true);
        break;
      case 'ImportExpression':
        add(node, node.source, false);
        break;
      case 'CallExpression': {
        const callee = node.callee;
        if (isNode(callee) && callee.type === 'Identifier' && callee.name === 'require') add(node, (node.arguments as unknown[])[0], false);
        break;
      }
    }
    for (const value of Object.values(node)) {
      if (Array.isArray(value)) for (const item of value) isNode(item) && visit(item);
      else if (isNode(value)) visit(value);
    }
  };
  visit(parsed.program as unknown as AstNode);
  return found;
}

/** Where an import lands: a repository path (relative specifiers), `node:<name>` for built-ins, or the npm package name. */
function targetOf(fromFile: string, specifier: string): { kind: 'file' | 'node' | 'package'; name: string } {
  if (specifier.startsWith('.') || specifier.startsWith('/')) {
    const resolved = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), specifier));
    return { kind: 'file', name: resolved };
  }
  if (specifier.startsWith('node:')) return { kind: 'node', name: specifier };
  const bare = specifier.split('/')[0]!;
  if (NODE_BUILTINS.has(bare)) return { kind: 'node', name: `node:${bare}` };
  const name = specifier.startsWith('@') ? specifier.split('/').slice(0, 2).join('/') : bare;
  return { kind: 'package', name };
}

const NODE_BUILTINS = new Set(
  (await import('node:module')).builtinModules.map((m) => m.replace(/^node:/, '').split('/')[0]!),
);

const under = (file: string, dir: string) => file === dir || file.startsWith(`${dir}/`);

/** The rule an import breaks, or null. `fromFile` is a repository path such as `renderer/App.tsx`. */
function ruleBroken(fromFile: string, ref: ImportRef): string | null {
  const target = targetOf(fromFile, ref.specifier);
  const file = target.kind === 'file' ? target.name : null;
  if (under(fromFile, 'indexer')) {
    if (target.kind === 'package' && target.name === 'electron') return 'indexer/ imports electron';
    if (file && (under(file, 'main') || under(file, 'renderer'))) return `indexer/ imports ${file.split('/')[0]}/`;
    if (file && !under(file, 'indexer')) return `indexer/ imports ${file}, outside indexer/`;
  }
  if (under(fromFile, 'indexer/common')) {
    if (target.kind === 'node') return `indexer/common/ imports the Node module ${target.name}`;
    if (target.kind === 'package') return `indexer/common/ imports the npm package ${target.name}`;
    if (file && under(file, 'indexer/api')) return ref.typeOnly ? null : 'indexer/common/ imports values from indexer/api/ (types only)';
    if (file && !under(file, 'indexer/common')) return `indexer/common/ imports ${file}`;
  }
  if (under(fromFile, 'renderer') && file && under(file, 'indexer')) {
    if (under(file, 'indexer/common')) return null;
    if (under(file, 'indexer/api')) return ref.typeOnly ? null : 'renderer/ imports values from indexer/api/ (types only)';
    return `renderer/ imports ${file} (only indexer/api/ types and indexer/common/)`;
  }
  return null;
}

function sourceFiles(dir: string): string[] {
  const out: string[] = [];
  for (const name of readdirSync(path.join(ROOT, dir))) {
    const rel = `${dir}/${name}`;
    if (statSync(path.join(ROOT, rel)).isDirectory()) out.push(...sourceFiles(rel));
    else if (SOURCE.test(name)) out.push(rel);
  }
  return out;
}

const FILES = ['indexer', 'main', 'renderer'].flatMap(sourceFiles).sort();
const broken = (fromFile: string, text: string) =>
  importsOf(fromFile, text).flatMap((ref) => {
    const rule = ruleBroken(fromFile, ref);
    return rule ? [`${fromFile}:${ref.line} ${JSON.stringify(ref.specifier)}: ${rule}`] : [];
  });

describe('the import rules catch bad imports (they can fail)', () => {
  const cases: Array<[string, string]> = [
    ['indexer/search/search.ts', "import { app } from 'electron';"],
    ['indexer/search/search.ts', "import type { BrowserWindow } from 'electron';"],
    ['indexer/library/library.ts', "export { registerApiHandlers } from '../../main/ipc.js';"],
    ['indexer/library/library.ts', "const m = await import('../../renderer/i18n.js');"],
    ['indexer/store/lance.ts', "type T = import('../../renderer/App').Props;"],
    ['renderer/App.tsx', "import { chunkBlocks } from '../indexer/analyze/chunk.js';"],
    ['renderer/App.tsx', "import type { Block } from '../indexer/extract/types.js';"],
    ['renderer/App.tsx', "import { KHO_API_METHODS } from '../indexer/api/contract.js';"],
    ['renderer/App.tsx', "import { KHO_API_METHODS, type KhoApi } from '../indexer/api';"],
    ['renderer/App.tsx', "export { messageOf } from '../indexer/api/errors';"],
    ['indexer/common/normalize.ts', "import { readFileSync } from 'node:fs';"],
    ['indexer/common/normalize.ts', "import path from 'path';"],
    ['indexer/common/normalize.ts', "import MiniSearch from 'minisearch';"],
    ['indexer/common/normalize.ts', "import { tokenizeText } from '../vietnamese/tokenize.js';"],
    ['indexer/common/normalize.ts', "import { UserError } from '../api/errors.js';"],
  ];
  for (const [file, line] of cases) {
    it(`refuses in ${file}: ${line}`, () => {
      expect(broken(file, line)).toHaveLength(1);
    });
  }

  it('accepts what the rules allow', () => {
    const allowed: Array<[string, string]> = [
      ['renderer/App.tsx', "import type { SearchHit } from '../indexer/api';"],
      ['renderer/App.tsx', "import { type SearchHit, type KhoApi } from '../indexer/api/contract.js';"],
      ['renderer/App.tsx', "export type { SearchHit } from '../indexer/api';"],
      ['renderer/App.tsx', "import { foldAccents } from '../indexer/common/normalize.js';"],
      ['renderer/PdfView.tsx', "const lib = await import('pdfjs-dist');"],
      ['indexer/common/dates.ts', "import { foldAccents } from './normalize.js';"],
      ['indexer/common/dates.ts', "import type { ValidityStatus } from '../api/contract.js';"],
      ['indexer/store/lance.ts', "import { connect } from '@lancedb/lancedb'; import { readFileSync } from 'node:fs';"],
      ['main/main.ts', "import { app } from 'electron'; import { Library } from '../indexer/library/library.js';"],
    ];
    for (const [file, text] of allowed) expect(broken(file, text), `${file}: ${text}`).toEqual([]);
  });

  it('sees each kind of import', () => {
    const text = [
      "import a from 'a';",
      "import type { B } from 'b';",
      "import { type C } from 'c';",
      "export { d } from 'd';",
      "export type { E } from 'e';",
      "export * from 'f';",
      "const g = await import('g');",
      "type H = import('h').H;",
      "const i = require('i');",
      "import 'j';",
    ].join('\n');
    expect(importsOf('x.ts', text).map((r) => `${r.specifier}${r.typeOnly ? ':type' : ''}@${r.line}`)).toEqual([
      'a@1', 'b:type@2', 'c:type@3', 'd@4', 'e:type@5', 'f@6', 'g@7', 'h:type@8', 'i@9', 'j@10',
    ]);
  });
});

describe('the layout keeps its dependency rules', () => {
  it('finds the source files', () => {
    // A control: a glob that matched nothing would make every rule below pass.
    expect(FILES.filter((f) => f.startsWith('indexer/')).length).toBeGreaterThan(50);
    expect(FILES.filter((f) => f.startsWith('main/')).length).toBeGreaterThan(2);
    expect(FILES.filter((f) => f.startsWith('renderer/')).length).toBeGreaterThan(10);
    expect(FILES).toContain('main/preload.cts');
    // …and a parser that saw no imports would too: the renderer's contract types must be seen.
    const renderer = FILES.filter((f) => f.startsWith('renderer/')).flatMap((f) => importsOf(f, readFileSync(path.join(ROOT, f), 'utf8')).map((r) => targetOf(f, r.specifier).name));
    expect(renderer).toContain('indexer/api');
  });

  it('no import in indexer/, main/ or renderer/ breaks a rule', () => {
    const problems = FILES.flatMap((file) => broken(file, readFileSync(path.join(ROOT, file), 'utf8')));
    expect(problems).toEqual([]);
  });

  it("indexer/'s root holds only index.ts, the package's face", () => {
    const files = readdirSync(path.join(ROOT, 'indexer')).filter((name) => !statSync(path.join(ROOT, 'indexer', name)).isDirectory());
    expect(files).toEqual(['index.ts']);
  });
});

/** Longest a source file should be; a big table of data may be longer. */
const MAX_LINES = 400;
/** Files that are mostly data (tables of conversions or messages), allowed over MAX_LINES for good. */
const DATA_TABLES: readonly string[] = [];
describe('file length', () => {
  it(`no source file is over ${MAX_LINES} lines, except data tables`, () => {
    const long = FILES.map((file) => ({ file, lines: readFileSync(path.join(ROOT, file), 'utf8').split('\n').length - 1 }))
      .filter((f) => f.lines > MAX_LINES && !DATA_TABLES.includes(f.file))
      .sort((a, b) => b.lines - a.lines);
    expect(long.map((f) => `${f.file}: ${f.lines} lines`)).toEqual([]);
  });
});
