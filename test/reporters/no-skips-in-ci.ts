/**
 * Under CI (CI=true) a skipped test fails the run. A test that skips itself
 * when something is missing (Chromium, the OCR language data, a tool) cannot
 * fail, so where the suite is the gate it must not pass silently: CI installs
 * everything the tests need, and a skip there means an install went wrong.
 * A run narrowed with -t skips the rest on purpose and is not judged.
 */
import path from 'node:path';
import type { Reporter, TestModule, Vitest } from 'vitest/node';

export default class NoSkipsInCi implements Reporter {
  private narrowed = false;
  private root = '';

  onInit(vitest: Vitest): void {
    this.narrowed = Boolean(vitest.config.testNamePattern);
    this.root = vitest.config.root;
  }

  onTestRunEnd(modules: ReadonlyArray<TestModule>): void {
    if (this.narrowed) return;
    const skipped = modules.flatMap((m) =>
      [...m.children.allTests()].filter((t) => t.result().state === 'skipped').map((t) => `${path.relative(this.root, m.moduleId)} > ${t.fullName}`),
    );
    if (skipped.length === 0) return;
    console.error(`\nCI: ${skipped.length} skipped test(s); under CI every test must run:\n  ${skipped.join('\n  ')}\n`);
    process.exitCode = 1;
  }
}
