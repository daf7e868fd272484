/**
 * The end check of the writes: the database, read fresh by the owner, must hold exactly what the
 * acknowledged writes produced (the writer's model). A write that was acknowledged and then lost
 * shows up as a difference on the field it set.
 */
import type { Cluster } from './cluster.js';
import { readTarget } from './fixtures.js';
import { modelDifferences, type TargetModel } from './model.js';

/** How the comparison came out. */
export interface WritesCheck {
  targets: number;
  /** Every difference between the model and the database. */
  differences: string[];
}

/** Reads every target on an instance that is up and compares it with its model. */
export async function checkAcknowledgedWrites(models: readonly TargetModel[], cluster: Cluster, authorization: string): Promise<WritesCheck> {
  const differences: string[] = [];
  for (const [i, model] of models.entries()) {
    const instances = cluster.upInstances();
    const instance = instances[i % instances.length];
    if (!instance) throw new Error('Expected an instance up to read the targets, but none is.');
    differences.push(...modelDifferences(model, await readTarget(instance.httpUrl, authorization, model.kind, model.id)));
  }
  return { targets: models.length, differences };
}
