// The sentinel-hunt command: the CLI face of the core. Each command lives in ./commands.
import { readFileSync } from 'node:fs';
import { checkUsage, runCheck } from './commands/check';
import { demoUsage, runDemo } from './commands/demo';
import { exportRuleUsage, runExportRuleCommand } from './commands/export-rule';
import { huntUsage, runHuntCommand } from './commands/hunt';
import { importUsage, runImport } from './commands/import';
import { ingestUsage, runIngest } from './commands/ingest';
import { lookalikesUsage, runLookalikes } from './commands/lookalikes';
import { queryUsage, runQueryCommand } from './commands/query';
import { runSetupAzure, setupAzureUsage } from './commands/setup-azure';
import { runTemplatesCommand, templatesUsage } from './commands/templates';
import { UsageError } from './usage-error';
import { CredentialOptionsError } from '../azure/credential';
import { SchemaError } from '../kql/schema';
import { StoreError } from '../store';

const indent = (text: string) => `  ${text.split('\n').join('\n  ')}`;

const usage = `Usage: sentinel-hunt <command> [options]

Commands:
${indent(demoUsage)}

${indent(checkUsage)}

${indent(queryUsage)}

${indent(huntUsage)}

${indent(templatesUsage)}

${indent(exportRuleUsage)}

${indent(importUsage)}

${indent(ingestUsage)}

${indent(setupAzureUsage)}

${indent(lookalikesUsage)}`;

const io = {
  readStdin: () => readFileSync(0, 'utf8'),
  out: (text: string) => process.stdout.write(text),
  err: (text: string) => process.stderr.write(text),
};

async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return runCheck(rest, { readStdin: io.readStdin, out: (line) => io.out(`${line}\n`) });
      case 'query':
        return await runQueryCommand(rest, io);
      case 'import':
        return await runImport(rest, io.out);
      case 'demo':
        return await runDemo(rest, io);
      case 'hunt':
        return await runHuntCommand(rest, io);
      case 'templates':
        return runTemplatesCommand(rest, io);
      case 'export-rule':
        return await runExportRuleCommand(rest, io);
      case 'ingest':
        return await runIngest(rest, { ...io, signal: interruptSignal() });
      case 'setup-azure':
        return await runSetupAzure(rest, { ...io, signal: interruptSignal() });
      case 'lookalikes':
        return await runLookalikes(rest, io);
      case undefined: case '-h': case '--help': case 'help':
        io.out(`${usage}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof SchemaError || error instanceof CredentialOptionsError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
      io.err(`sentinel-hunt: ${(error as Error).message}\n\n${usage}\n`);
      return 2;
    }
    if (error instanceof StoreError) {
      // Bad input data or workspace: the message names the file and the place.
      io.err(`sentinel-hunt: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
}

/** Aborted by Ctrl+C (SIGINT) or SIGTERM, so a long run stops between batches with its state saved. */
function interruptSignal(): AbortSignal {
  const controller = new AbortController();
  const stop = (signal: NodeJS.Signals) => {
    if (controller.signal.aborted) process.exit(130); // a second Ctrl+C: stop now
    controller.abort(new Error(`interrupted (${signal}); the next run resumes from the last saved batch`));
  };
  process.once('SIGINT', stop).once('SIGTERM', stop);
  return controller.signal;
}

void main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
