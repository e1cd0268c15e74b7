/**
 * The method table: its request shapes as a validator, and the property that
 * makes it the one list — a method added to the table and served nowhere fails
 * to compile in every transport and in the Library.
 */
import { execFile } from 'node:child_process';
import { cpSync, readdirSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { UserError } from '../indexer/api/errors.js';
import { API_METHODS, isApiMethod, KHO_API_METHODS, readRequest } from '../indexer/api/methods.js';
import { describeValue, integer, list, nullable, oneOf, optional, record, ShapeProblem, text } from '../indexer/api/shapes.js';
import { ROOT, tempDir } from './helpers.js';

const problemOf = (read: () => unknown): string => {
  try {
    read();
  } catch (error) {
    if (error instanceof ShapeProblem) return error.message;
    throw error;
  }
  throw new Error('the value was accepted');
};

describe('request shapes', () => {
  it('reads strings, whole numbers and choices within their bounds', () => {
    expect(text({ max: 3 }).read('abc', 'x')).toBe('abc');
    expect(problemOf(() => text({ max: 3 }).read('abcd', 'x'))).toBe('x: expected a string of at most 3 characters, got a string of 4 characters');
    expect(problemOf(() => text().read(12, 'x'))).toMatch(/got the number 12$/);
    expect(integer({ min: 1, max: 5 }).read(5, 'n')).toBe(5);
    for (const bad of [0, 6, 2.5, '3', Number.NaN, Infinity, null]) expect(() => integer({ min: 1, max: 5 }).read(bad, 'n'), String(bad)).toThrow(ShapeProblem);
    expect(oneOf('a', 'b').read('b', 's')).toBe('b');
    expect(problemOf(() => oneOf('a', 'b').read('c', 's'))).toBe('s: expected one of "a", "b", got a string of 1 characters');
  });

  it('tells absent from null: optional admits nothing, nullable admits null', () => {
    expect(optional(text()).read(undefined, 'o')).toBeUndefined();
    expect(() => optional(text()).read(null, 'o')).toThrow(/expected a string of at most 100000 characters, or nothing, got null/);
    expect(nullable(text()).read(null, 'n')).toBeNull();
    expect(() => nullable(text()).read(undefined, 'n')).toThrow(/got nothing/);
  });

  it('reads lists item by item, naming the item, and bounds their length', () => {
    expect(list(integer(), { max: 3 }).read([1, 2], 'l')).toEqual([1, 2]);
    expect(problemOf(() => list(integer(), { max: 3 }).read([1, 'two'], 'l'))).toMatch(/^l\[1\]: expected a whole number/);
    expect(problemOf(() => list(integer(), { max: 3 }).read([1, 2, 3, 4], 'l'))).toBe('l: expected a list of at most 3 items, got a list of 4');
    expect(() => list(integer(), { max: 3 }).read({ length: 1 }, 'l')).toThrow(/got an object/);
  });

  it('reads objects field by field, keeps only described fields and leaves absent ones absent', () => {
    const shape = record<{ a: string; b?: number; c: { d: string | null } }>({ a: text(), b: optional(integer()), c: record({ d: nullable(text()) }) });
    expect(shape.read({ a: 'x', c: { d: null, e: 1 }, z: 2 }, '')).toEqual({ a: 'x', c: { d: null } });
    expect(Object.keys(shape.read({ a: 'x', c: { d: 'y' } }, ''))).toEqual(['a', 'c']);
    expect(problemOf(() => shape.read({ a: 'x', c: { d: 5 } }, ''))).toMatch(/^c\.d: expected a string .* or null, got the number 5$/);
    for (const bad of [null, [], 'x', 3]) expect(problemOf(() => shape.read(bad, ''))).toMatch(/^the request: expected an object/);
    // Inherited properties are not fields: a prototype cannot smuggle one in.
    expect(problemOf(() => shape.read(Object.create({ a: 'x', c: { d: null } }), ''))).toMatch(/^a: expected a string/);
  });

  it('describes a value without echoing it', () => {
    expect([undefined, null, 'secret', [1], 1.5, {}, true].map(describeValue)).toEqual([
      'nothing', 'null', 'a string of 6 characters', 'a list of 1', 'a fractional number', 'an object', 'a boolean',
    ]);
  });
});

describe('the method table', () => {
  it('names each method once and knows only its own names', () => {
    expect(new Set(KHO_API_METHODS).size).toBe(KHO_API_METHODS.length);
    expect(KHO_API_METHODS).toEqual(Object.keys(API_METHODS));
    expect(KHO_API_METHODS.every(isApiMethod)).toBe(true);
    for (const name of ['toString', '__proto__', 'constructor', 'hasDocument', 'close', '']) expect(isApiMethod(name), name).toBe(false);
  });

  it('reads a request into the arguments the method takes, or refuses it with request.invalid naming method and field', () => {
    expect(readRequest('search', { query: 'đổi mới', sort: 'date', extra: 1 })).toEqual([{ query: 'đổi mới', sort: 'date' }]);
    expect(readRequest('status', { anything: true })).toEqual([]);
    expect(readRequest('setStatus', { path: '/a.pdf', value: null })).toEqual([{ path: '/a.pdf', value: null }]);
    const refused = (() => {
      try {
        readRequest('suggest', { prefix: 'x'.repeat(501) });
      } catch (error) {
        return error;
      }
    })();
    expect(refused).toBeInstanceOf(UserError);
    expect((refused as UserError).toMessage()).toEqual({
      code: 'request.invalid',
      params: { method: 'suggest', problem: 'prefix: expected a string of at most 500 characters, got a string of 501 characters' },
    });
    // The search query's own length limit is the search's to enforce (with its own message).
    expect(readRequest('search', { query: 'x'.repeat(5000) })).toHaveLength(1);
  });
});

/** Copies of the sources and tsconfigs (node_modules linked), so the table can be changed without touching the checkout. */
function copyProject(into: string): void {
  for (const dir of ['indexer', 'main', 'renderer']) {
    cpSync(path.join(ROOT, dir), path.join(into, dir), { recursive: true, filter: (src) => !/\.(onnx|bin|traineddata)$/.test(src) });
  }
  for (const file of readdirSync(ROOT).filter((f) => /^tsconfig.*\.json$/.test(f))) cpSync(path.join(ROOT, file), path.join(into, file));
  symlinkSync(path.join(ROOT, 'node_modules'), path.join(into, 'node_modules'), 'dir');
}

/** tsc's errors, one entry per error with its continuation lines, keyed by file. */
function typecheck(dir: string, project: string): Promise<Array<{ file: string; text: string }>> {
  const tsc = path.join(ROOT, 'node_modules', 'typescript', 'bin', 'tsc');
  return new Promise((resolve) => {
    execFile(process.execPath, [tsc, '-p', path.join(dir, project), '--noEmit', '--pretty', 'false'], { cwd: dir, maxBuffer: 64 * 1024 * 1024 }, (_error, stdout) => {
      const errors: Array<{ file: string; text: string }> = [];
      for (const line of stdout.split('\n')) {
        const start = /^(\S[^(]*)\(\d+,\d+\): error/.exec(line);
        if (start) errors.push({ file: start[1]!.replace(/\\/g, '/'), text: line });
        else if (errors.length > 0 && line.startsWith(' ')) errors.at(-1)!.text += `\n${line}`;
      }
      resolve(errors);
    });
  });
}

describe('a method added to the table', () => {
  // Two full type-checks: the timeout guards against a hang, it is not a time budget.
  it('fails to compile in the Library and in every transport until each serves it', { timeout: 900_000 }, async () => {
    const work = tempDir('dummy-method');
    try {
      copyProject(work.dir);
      const table = path.join(work.dir, 'indexer', 'api', 'methods.ts');
      const source = readFileSync(table, 'utf8');
      expect(source).toContain('export const API_METHODS = {\n');
      writeFileSync(table, source.replace('export const API_METHODS = {\n', 'export const API_METHODS = {\n  khoDummyMethod: { request: null, returns: returns<number>() },\n'));
      const errors = [...(await typecheck(work.dir, 'tsconfig.json')), ...(await typecheck(work.dir, 'tsconfig.web.json'))];
      const named = new Set(errors.filter((e) => e.text.includes('khoDummyMethod')).map((e) => e.file));
      for (const file of ['indexer/library/library.ts', 'main/ipc.ts', 'main/preload.cts', 'indexer/transports/web/server.ts', 'renderer/http-api.ts']) {
        expect(named.has(file), `${file} in:\n${errors.map((e) => e.text).join('\n')}`).toBe(true);
      }
    } finally {
      work.cleanup();
    }
  });
});
