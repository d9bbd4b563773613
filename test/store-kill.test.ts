import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { describe, expect, it } from 'vitest';
import { temporaryDirectory } from './temporary-directory.js';

// The child runs compiled: `npm run build` first (as `npm test` does).
const CHILD = fileURLToPath(new URL('../dist/test/store-ingest-child.js', import.meta.url));
const ARTICLES = 120;
const ROUNDS = 8;
const ROUND_LIMIT_MS = 1_500;

interface ChildRun {
  /** Variant number → store id, for each `done` line the child printed. */
  readonly done: Map<number, number>;
  readonly exitCode: number | null;
  readonly signal: NodeJS.Signals | null;
  readonly stderr: string;
}

/** Runs the ingest child; kills it with SIGKILL `killAfterMs` after its first commit, if given. */
function runChild(dbPath: string, killAfterMs?: number): Promise<ChildRun> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD, dbPath, String(ARTICLES)], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    const done = new Map<number, number>();
    let pending = '';
    let stderr = '';
    let timer: NodeJS.Timeout | undefined;
    const kill = () => child.kill('SIGKILL');
    // A kill with no commit yet (during start-up or migration) must also be survivable.
    if (killAfterMs !== undefined && killAfterMs < 0) timer = setTimeout(kill, -killAfterMs);
    child.stdout.setEncoding('utf8');
    child.stdout.on('data', (chunk: string) => {
      pending += chunk;
      const lines = pending.split('\n');
      pending = lines.pop() ?? '';
      for (const line of lines) {
        const match = /^done (\d+) (\d+)$/.exec(line);
        if (match) done.set(Number(match[1]), Number(match[2]));
      }
      if (killAfterMs !== undefined && killAfterMs >= 0 && timer === undefined) {
        timer = setTimeout(kill, killAfterMs);
      }
    });
    child.stderr.setEncoding('utf8');
    child.stderr.on('data', (chunk: string) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (exitCode, signal) => {
      clearTimeout(timer);
      resolve({ done, exitCode, signal, stderr });
    });
  });
}

function checkStore(dbPath: string, reported: Map<number, number>): number {
  const db = new Database(dbPath);
  try {
    expect(db.pragma('integrity_check', { simple: true })).toBe('ok');
    db.prepare("INSERT INTO articles_fts (articles_fts) VALUES ('integrity-check')").run();
    const present = db.prepare('SELECT source_id FROM articles WHERE id = ?');
    for (const [n, id] of reported) {
      expect(present.get(id), `variant ${n} (id ${id}) reported done`).toEqual({
        source_id: `variant-${n}`,
      });
    }
    const counts = db
      .prepare(
        'SELECT count(*) AS rows, count(DISTINCT content_hash) AS hashes, count(DISTINCT source_id) AS sources FROM articles',
      )
      .get() as { rows: number; hashes: number; sources: number };
    expect(counts.hashes).toBe(counts.rows);
    expect(counts.sources).toBe(counts.rows);
    // Each assignment bumps its story's version in the same transaction: all or nothing.
    const assigned = db
      .prepare(
        'SELECT count(*) AS n, count(DISTINCT cluster_seq) AS seqs FROM articles WHERE story_id IS NOT NULL',
      )
      .get() as { n: number; seqs: number };
    const versions = db.prepare('SELECT coalesce(sum(version), 0) AS v FROM stories').get() as {
      v: number;
    };
    expect(assigned.seqs).toBe(assigned.n);
    expect(versions.v).toBe(assigned.n);
    return counts.rows;
  } finally {
    db.close();
  }
}

describe('store under SIGKILL', () => {
  it('stays consistent, keeps every reported commit and never duplicates on re-ingest', async () => {
    expect(existsSync(CHILD), `${CHILD} is missing: run \`npm run build\` first`).toBe(true);
    const dbPath = join(temporaryDirectory(), 'kill', 'store.db');
    const reported = new Map<number, number>();
    const started = Date.now();
    let killed = 0;
    for (let round = 0; round < ROUNDS; round += 1) {
      // Mostly mid-ingest; every fourth round before the first commit can happen.
      const delay =
        round % 4 === 0 ? -Math.floor(Math.random() * 150) : Math.floor(Math.random() * 400);
      const run = await runChild(dbPath, delay);
      if (run.signal === 'SIGKILL') killed += 1;
      else expect(run.exitCode, run.stderr).toBe(0);
      for (const [n, id] of run.done) {
        // A variant re-ingested after a kill is found, not added again: same id as before.
        if (reported.has(n)) expect(id).toBe(reported.get(n));
        reported.set(n, id);
      }
      if (existsSync(dbPath)) checkStore(dbPath, reported);
      if (Date.now() - started > ROUNDS * ROUND_LIMIT_MS) break;
    }
    expect(killed).toBeGreaterThan(0);

    const final = await runChild(dbPath);
    expect(final.exitCode, final.stderr).toBe(0);
    expect(final.done.size).toBe(ARTICLES);
    for (const [n, id] of final.done) {
      if (reported.has(n)) expect(id).toBe(reported.get(n));
      reported.set(n, id);
    }
    expect(checkStore(dbPath, reported)).toBe(ARTICLES);
    const db = new Database(dbPath, { readonly: true });
    expect(db.prepare('SELECT count(*) AS n FROM articles WHERE story_id IS NULL').get()).toEqual({
      n: 0,
    });
    db.close();

    // Once more, to completion: everything is a duplicate now.
    const again = await runChild(dbPath);
    expect([...again.done]).toEqual([...final.done]);
    expect(checkStore(dbPath, reported)).toBe(ARTICLES);
  }, 60_000);
});
