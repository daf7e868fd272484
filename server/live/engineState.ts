/** The state one live query engine's handlers share (see `createLiveQueryEngine`). */
import type {
  ExecutionArgs,
  ExecutionResult,
  GraphQLError,
  GraphQLFormattedError,
  GraphQLObjectType,
  GraphQLSchema,
} from 'graphql';
import type { GroupKeys } from './groupKeys.js';
import type { ResumeContext } from './groupResume.js';
import type { InFlightInvalidations } from './inFlightInvalidations.js';
import type { InvalidationIndex } from './invalidationIndex.js';
import type { LiveQueryGroup } from './liveQueryGroup.js';
import type { ObjectLoader } from './partialRun.js';
import type { Scheduler } from './scheduler.js';

/** An engine's settings (from its options, defaults applied), groups, and the structures that find and run them. */
export interface EngineState {
  /** The schema, instrumented for resource tracking. */
  readonly schema: GraphQLSchema;
  readonly execute: (args: ExecutionArgs) => ExecutionResult | Promise<ExecutionResult>;
  readonly formatError: (error: GraphQLError) => GraphQLFormattedError;
  readonly onExecutionError: ((error: unknown, group: { key: string }) => void) | undefined;
  /** Without it, groups always re-execute in full. */
  readonly loadObject: ObjectLoader | undefined;
  readonly ownKeyedFields: ReadonlyMap<string, readonly string[]>;
  readonly rootedSchema: (type: GraphQLObjectType) => GraphQLSchema;
  readonly maxOvertaken: number;
  /** The context field holding who asks: results that read it are grouped per viewer. */
  readonly viewerField: string | undefined;
  readonly groups: Map<string, LiveQueryGroup>;
  readonly groupKeys: GroupKeys;
  readonly resume: ResumeContext;
  readonly index: InvalidationIndex<LiveQueryGroup>;
  readonly inFlight: InFlightInvalidations;
  readonly scheduler: Scheduler;
  /** Every group's `onEmpty`: disposes it (one function per engine, not one per group). */
  readonly onEmpty: (group: LiveQueryGroup) => void;
  executions: number;
  partialExecutions: number;
  publishedPatches: number;
  closed: boolean;
}
