/**
 * The project's root folder (the one holding package.json), found from this module's own place, so
 * that files next to the code (schema/, web-client/dist) are found the same way whether the server
 * runs from its TypeScript sources (tsx, tests) or compiled to build/server/.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

function findRoot(from: string): string {
  for (let dir = from; ; dir = path.dirname(dir)) {
    if (existsSync(path.join(dir, 'package.json'))) return dir;
    if (path.dirname(dir) === dir) throw new Error(`no package.json above ${from}`);
  }
}

/** The absolute path of the folder holding package.json. */
export const projectRoot = findRoot(path.dirname(fileURLToPath(import.meta.url)));
