/**
 * The child process of createPgliteDataDir.ts: `<entry> <dataDir> seed|no-seed`. Creates the PGlite
 * database in dataDir, migrates it, seeds it when asked, closes it, and prints what it did as one
 * JSON line: `{"applied":[…],"seeded":true|false}`.
 */
import { openPgliteDb } from '../db/pgliteDb.js';
import { migrate } from './migrate.js';
import { seedIfEmpty } from './seed.js';

async function main(): Promise<void> {
  const [dataDir, seedArgument] = process.argv.slice(2);
  if (!dataDir || (seedArgument !== 'seed' && seedArgument !== 'no-seed')) {
    throw new Error(`expected arguments <dataDir> seed|no-seed, got ${JSON.stringify(process.argv.slice(2))}`);
  }
  const db = await openPgliteDb(dataDir);
  try {
    const applied = await migrate(db);
    const seeded = seedArgument === 'seed' && (await seedIfEmpty(db));
    process.stdout.write(`${JSON.stringify({ applied, seeded })}\n`);
  } finally {
    await db.close();
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
