/**
 * The server of a given git revision, compiled as `npm start` runs it: a detached `git worktree` of
 * the commit in a temporary folder, node_modules linked to this checkout's, compiled with that
 * revision's own tsconfig.bench.json. The compiled server finds schema/ from its own place
 * (server/runtime/projectRoot.ts), so each revision serves its own schema.
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, realpathSync, rmSync, symlinkSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { COMPILED_SERVER_ENTRY } from '../../test/support/serverProcess.js';

/** A revision's compiled server, ready to start. */
export interface RevisionBuild {
  readonly label: string;
  /** The full commit hash. */
  readonly commit: string;
  /** Its subject line. */
  readonly subject: string;
  /** The absolute path of its compiled entry. */
  readonly entry: string;
  /** Removes the worktree and its folder. */
  remove(): void;
}

const git = (args: readonly string[], cwd = process.cwd()) => execFileSync('git', args, { cwd, encoding: 'utf8' }).trim();

/** Checks out `revision` (anything `git rev-parse` takes) into a temporary worktree and compiles it. */
export function buildRevision(label: string, revision: string): RevisionBuild {
  const commit = git(['rev-parse', '--verify', `${revision}^{commit}`]);
  const subject = git(['log', '-1', '--format=%s', commit]);
  const folder = mkdtempSync(path.join(os.tmpdir(), `livedoc-slow-${label}-`));
  const tree = path.join(folder, 'tree');
  git(['worktree', 'add', '--detach', '--quiet', tree, commit]);
  const remove = () => {
    try {
      git(['worktree', 'remove', '--force', tree]);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  };
  try {
    symlinkSync(realpathSync('node_modules'), path.join(tree, 'node_modules'), 'dir');
    execFileSync(path.join(tree, 'node_modules', '.bin', 'tsc'), ['-p', 'tsconfig.bench.json'], { cwd: tree, stdio: 'inherit' });
  } catch (error) {
    remove();
    throw error;
  }
  return { label, commit, subject, entry: path.join(tree, COMPILED_SERVER_ENTRY), remove };
}
