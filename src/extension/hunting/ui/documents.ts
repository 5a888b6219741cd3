// New untitled editors for generated text (a hunt, lookalikes, a rule, an ARM template). They
// get a real name (exfil-rate.kql) in the first workspace folder, so that Save proposes it.
import * as path from 'node:path';
import * as vscode from 'vscode';

export async function openUntitled(fileName: string, language: string, content: string): Promise<vscode.TextEditor> {
  const uri = await freeUntitledUri(fileName);
  let doc: vscode.TextDocument;
  try {
    doc = await vscode.workspace.openTextDocument(uri);
    const edit = new vscode.WorkspaceEdit();
    edit.insert(uri, new vscode.Position(0, 0), content);
    if (!(await vscode.workspace.applyEdit(edit))) throw new Error(`could not fill ${uri.toString()}`);
  } catch {
    // A host that refuses named untitled documents still takes an anonymous one.
    doc = await vscode.workspace.openTextDocument({ content });
  }
  // Languages such as csv exist only with an extension that provides them.
  const known = language === 'plaintext' || (await vscode.languages.getLanguages()).includes(language);
  const wanted = known ? language : 'plaintext';
  if (doc.languageId !== wanted) doc = await vscode.languages.setTextDocumentLanguage(doc, wanted);
  return vscode.window.showTextDocument(doc, { preview: false });
}

async function freeUntitledUri(fileName: string): Promise<vscode.Uri> {
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri;
  const ext = path.extname(fileName);
  const stem = fileName.slice(0, fileName.length - ext.length);
  const open = new Set(vscode.workspace.textDocuments.map((d) => d.uri.toString()));
  for (let n = 1; ; n++) {
    const name = n === 1 ? fileName : `${stem}-${n}${ext}`;
    const file = folder ? vscode.Uri.joinPath(folder, name) : undefined;
    const uri = file ? vscode.Uri.from({ scheme: 'untitled', path: file.path }) : vscode.Uri.from({ scheme: 'untitled', path: name });
    if (!open.has(uri.toString()) && !(file && (await exists(file)))) return uri;
  }
}

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/** A file name made from free text: "Exfil rate (tenant)" -> exfil-rate-tenant. */
export function slug(text: string): string {
  const s = text.toLowerCase().replace(/[^a-z0-9]+/g, '-').replace(/^-+|-+$/g, '');
  return s.slice(0, 60) || 'untitled';
}
