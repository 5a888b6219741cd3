// The sentinel-hunt command: the CLI face of the core. Each command lives in ./commands.
import { readFileSync } from 'node:fs';
import { checkUsage, runCheck } from './commands/check';
import { UsageError } from './usage-error';
import { SchemaError } from '../kql/schema';

const usage = `Usage: sentinel-hunt <command> [options]

Commands:
  ${checkUsage.split('\n').join('\n  ')}

Not built yet: query, hunt, ingest, templates, lookalikes, demo (see the README).`;

function main(argv: string[]): number {
  const [command, ...rest] = argv;
  try {
    switch (command) {
      case 'check':
        return runCheck(rest, { readStdin: () => readFileSync(0, 'utf8'), out: (line) => process.stdout.write(`${line}\n`) });
      case undefined: case '-h': case '--help': case 'help':
        process.stdout.write(`${usage}\n`);
        return command === undefined ? 2 : 0;
      default:
        throw new UsageError(`unknown command ${command}`);
    }
  } catch (error) {
    if (error instanceof UsageError || error instanceof SchemaError || (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') {
      process.stderr.write(`sentinel-hunt: ${(error as Error).message}\n\n${usage}\n`);
      return 2;
    }
    throw error;
  }
}

process.exitCode = main(process.argv.slice(2));
