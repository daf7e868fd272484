/** `npm run schema:snapshot`: migrates a fresh in-memory database and writes its schema to server/store/current-schema.sql. */
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { openPgliteDb } from '../server/db/pgliteDb.js';
import { describeSchema, SNAPSHOT_FILE } from '../server/store/describeSchema.js';
import { migrate } from '../server/store/migrate.js';
import { projectRoot } from '../server/runtime/projectRoot.js';

const db = await openPgliteDb('memory://');
try {
  await migrate(db);
  await writeFile(path.join(projectRoot, SNAPSHOT_FILE), await describeSchema(db));
  console.log(`wrote ${SNAPSHOT_FILE}`);
} finally {
  await db.close();
}
