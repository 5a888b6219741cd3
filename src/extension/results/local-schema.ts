// The schema of a local workspace, read from its manifest (workspace.json) alone: the extension
// host needs no engine and no Parquet reader for it.
import { promises as fs } from 'node:fs';
import * as path from 'node:path';
import type { WorkspaceSchema } from '../../kql/schema';
import { MANIFEST_FILE, parseManifest } from '../../store/manifest';

export interface LocalSchema {
  schema: WorkspaceSchema;
  generation: number;
}

export async function readLocalSchema(folder: string): Promise<LocalSchema> {
  const file = path.join(folder, MANIFEST_FILE);
  let text: string;
  try {
    text = await fs.readFile(file, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new Error(code === 'ENOENT' ? `${folder} is not a Sentinel Hunt workspace: it has no ${MANIFEST_FILE}` : `cannot read ${file}: ${code ?? String(error)}`);
  }
  const manifest = parseManifest(text, file);
  return {
    schema: {
      tables: manifest.tables.map((t) => ({ name: t.name, columns: t.columns.map(({ name, type }) => ({ name, type })) })),
      functions: [],
      complete: true,
    },
    generation: manifest.generation,
  };
}

export async function isLocalWorkspace(folder: string): Promise<boolean> {
  return fs.stat(path.join(folder, MANIFEST_FILE)).then((s) => s.isFile(), () => false);
}
