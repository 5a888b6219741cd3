// Mocha entry loaded by the VS Code extension host (extensionTestsPath = out/test/integration).
// Runs every out/test/integration/**/*.test.js with the tdd UI (suite/test) and reports through
// console.log, which the workbench forwards to the harness (codeAutomationLog).
import { readdirSync } from 'node:fs';
import path from 'node:path';
import { format } from 'node:util';
import Mocha from 'mocha';

/** Keep in sync with test/harness/run-integration.ts: the harness prints lines with this prefix. */
export const OUTPUT_PREFIX = 'SENTINEL_HUNT_MOCHA|';
/** Keep in sync with test/harness/run-integration.ts: mocha's result, parsed by the harness. */
const RESULT_MARKER = 'SENTINEL_HUNT_MOCHA_RESULT';

// The reporters write through Base.consoleLog; tag their output so the harness can tell it from
// the workbench's own log, and format it here (the workbench forwards printf-style args unformatted).
(Mocha.reporters.Base as unknown as { consoleLog: (...args: unknown[]) => void }).consoleLog = (...args) =>
  console.log(OUTPUT_PREFIX + format(...args));

function findTests(dir: string): string[] {
  return readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.test.js'))
    .map((f) => path.join(dir, f))
    .sort();
}

export function run(): Promise<void> {
  const mocha = new Mocha({
    ui: 'tdd',
    reporter: 'spec',
    color: false,
    timeout: 60_000,
    slow: 5_000,
    grep: process.env.MOCHA_GREP,
  });
  for (const file of findTests(__dirname)) mocha.addFile(file);

  return new Promise((resolve, reject) => {
    try {
      const runner = mocha.run((failures) => {
        const stats = runner.stats ?? { passes: 0, failures, pending: 0 };
        console.log(
          `${RESULT_MARKER} ${JSON.stringify({ passed: stats.passes, failed: stats.failures, pending: stats.pending })}`,
        );
        if (failures > 0) reject(new Error(`${failures} integration test(s) failed`));
        else resolve();
      });
    } catch (err) {
      console.error(err);
      console.log(`${RESULT_MARKER} ${JSON.stringify({ passed: 0, failed: 1, pending: 0 })}`);
      reject(err instanceof Error ? err : new Error(String(err)));
    }
  });
}
