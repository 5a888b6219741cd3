// `sentinel-hunt export-rule NAME --domain D ... [--profile P] [--param k=v] [--out FILE] ...`
// A detection template as a Microsoft Sentinel scheduled analytics rule in the Azure-Sentinel
// repository's YAML, checked as that repository's validation checks it.
import { writeFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { exportHuntRule, HuntError, SEVERITIES, type Severity } from '../../hunts';
import { UsageError } from '../usage-error';
import { parseParamOptions, profileOption } from './hunt';

export const exportRuleUsage = `sentinel-hunt export-rule NAME --domain D [--domain D2 ...] [--profile P] [--param k=v ...] [--out FILE]
    [--severity Informational|Low|Medium|High] [--frequency 1d] [--period 8d] [--id GUID] [--name TEXT]
  Writes a detection template (exfil-rate, exfil-rate-per-sender, exfil-bytes, impersonation) as a
  Sentinel scheduled analytics rule (YAML, the Azure-Sentinel repository's format) to FILE or
  standard output. The id is stable for the same template, profile and domains unless --id is
  given; frequency and period follow the template's parameters unless given. A rule that would
  fail the repository's checks (period 5m to 14d, query at most 10,000 characters ...) is not
  written: the problems go to standard error and the exit code is 1. Profile default: classic.`;

export interface ExportRuleIo {
  out(text: string): void;
  err(text: string): void;
}

export async function runExportRuleCommand(argv: string[], io: ExportRuleIo): Promise<number> {
  const { values, positionals } = parseArgs({
    args: argv,
    allowPositionals: true,
    options: {
      domain: { type: 'string', multiple: true },
      profile: { type: 'string' },
      param: { type: 'string', multiple: true },
      out: { type: 'string' },
      severity: { type: 'string' },
      frequency: { type: 'string' },
      period: { type: 'string' },
      id: { type: 'string' },
      name: { type: 'string' },
    },
  });
  if (positionals.length !== 1) throw new UsageError('export-rule needs exactly one template NAME');
  const severity = values.severity as Severity | undefined;
  if (severity !== undefined && !SEVERITIES.includes(severity)) throw new UsageError(`unknown --severity ${values.severity}; expected ${SEVERITIES.join(', ')}`);
  const params = parseParamOptions(values.param);
  const profile = profileOption(values.profile);
  let exported;
  try {
    exported = exportHuntRule(positionals[0], {
      profile, domains: values.domain ?? [], params, severity,
      queryFrequency: values.frequency, queryPeriod: values.period, id: values.id, name: values.name,
    });
  } catch (error) {
    if (error instanceof HuntError) {
      io.err(`sentinel-hunt: ${error.message}\n`);
      return 2;
    }
    throw error;
  }
  if (exported.problems.length > 0) {
    io.err(`sentinel-hunt: the rule would not pass the Azure-Sentinel checks; not written:\n${exported.problems.map((p) => `  ${p.field}: ${p.message}`).join('\n')}\n`);
    return 1;
  }
  if (values.out === undefined) {
    io.out(exported.yaml);
    return 0;
  }
  try {
    await writeFile(values.out, exported.yaml, 'utf8');
  } catch (error) {
    io.err(`sentinel-hunt: cannot write ${values.out}: ${(error as NodeJS.ErrnoException).code ?? (error as Error).message}\n`);
    return 2;
  }
  return 0;
}
