// "Sentinel Hunt: Export as Sentinel Analytics Rule...": the query at the cursor as an
// Azure-Sentinel scheduled rule (YAML), checked as that repository checks its rules.
import * as vscode from 'vscode';
import { exportQueryRule, type AnalyticsRule, type AttackTactic, type RuleProblem, type Severity } from '../../../hunts';
import type { Invocation } from '../ui/command';
import { openUntitled, slug } from '../ui/documents';
import type { HuntingLog } from '../ui/log';
import { draftRule, type RuleDraft } from './draft';
import { queryAtCursor } from './query-at-cursor';
import { promptRule } from './rule-prompts';

export interface ExportRuleOptions {
  /** The query; default: the selection or the query block at the cursor of `uri` or the active editor. */
  query?: string;
  uri?: string;
  name?: string;
  severity?: Severity;
  queryFrequency?: string;
  queryPeriod?: string;
  tactics?: AttackTactic[];
  techniques?: string[];
  /** Write the YAML to this path as well as opening it. */
  saveTo?: string;
}

export interface ExportRuleResult {
  rule: AnalyticsRule;
  yaml: string;
  /** Empty when the rule passes the checks; otherwise nothing was opened. */
  problems: RuleProblem[];
  /** The template the query was rendered from, when recognised. */
  template?: string;
  uri?: string;
}


export async function exportRuleCommand(invocation: Invocation<ExportRuleOptions>, arg: unknown, deps: { log: HuntingLog }): Promise<ExportRuleResult> {
  const options = invocation.interactive ? {} : invocation.options;
  const query = options.query ?? (await queryFromEditor(options.uri ?? (arg instanceof vscode.Uri ? arg.toString() : undefined)));
  let draft: RuleDraft = draftRule(query);
  if (invocation.interactive) {
    draft = await promptRule(draft);
  } else {
    draft = {
      ...draft,
      name: options.name ?? draft.name,
      severity: options.severity ?? draft.severity,
      queryFrequency: options.queryFrequency ?? draft.queryFrequency,
      queryPeriod: options.queryPeriod ?? draft.queryPeriod,
      tactics: options.tactics ?? draft.tactics,
      techniques: options.techniques ?? draft.techniques,
    };
  }
  const exported = exportQueryRule(draft);
  const result: ExportRuleResult = { ...exported, template: draft.template };
  if (exported.problems.length > 0) {
    const list = exported.problems.map((p) => `${p.field}: ${p.message}`);
    deps.log.line('rule', `not exported, the rule would fail the Azure-Sentinel checks:\n  ${list.join('\n  ')}`);
    void vscode.window.showErrorMessage(`The rule would fail the Azure-Sentinel checks: ${list.join('; ')}`);
    return result;
  }
  const editor = await openUntitled(`${slug(exported.rule.name)}.yaml`, 'yaml', exported.yaml);
  result.uri = editor.document.uri.toString();
  deps.log.line('rule', `exported "${exported.rule.name}"${draft.template ? ` from template ${draft.template}` : ''}: every ${exported.rule.queryFrequency} over ${exported.rule.queryPeriod}`);
  if (options.saveTo) {
    await vscode.workspace.fs.writeFile(vscode.Uri.file(options.saveTo), new TextEncoder().encode(exported.yaml));
  } else if (invocation.interactive) {
    void offerSaveAs(editor.document);
  }
  return result;
}

async function queryFromEditor(uri: string | undefined): Promise<string> {
  let editor = vscode.window.activeTextEditor;
  if (uri !== undefined && editor?.document.uri.toString() !== uri) {
    editor = await vscode.window.showTextDocument(vscode.Uri.parse(uri));
  }
  if (!editor) throw new Error('open a .kql file and put the cursor in the query to export');
  const query = queryAtCursor(editor);
  if (!query) throw new Error('no query at the cursor: put it in a query (queries are separated by blank lines) or select one');
  return query;
}

async function offerSaveAs(document: vscode.TextDocument): Promise<void> {
  const action = await vscode.window.showInformationMessage('Analytics rule exported. Save it as a file?', 'Save As...');
  if (action === 'Save As...') await vscode.workspace.saveAs(document.uri);
}
