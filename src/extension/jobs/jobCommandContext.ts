import type * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import type { JobStore } from '../../core/jobs/jobStore';
import type { JobPollers } from './jobPollers';
import type { JobsTreeProvider } from './jobsTree';
import type { DirectRuns } from '../runs/directRuns';
import type { Profile } from '../../core/providers';
import type { ProviderAccess } from '../../core/providers/providerAccess';

/** What the job commands share. */
export interface JobCommandContext {
  context: vscode.ExtensionContext;
  store: JobStore;
  providers: ProviderAccess;
  pollers: JobPollers;
  /** The direct runs this window sends (jobs marked `directRun`). */
  runs: DirectRuns;
  /** A profile by name (a stopped run resumes on its own profile). */
  profileNamed(name: string): Profile | undefined;
  tree: JobsTreeProvider;
  view: vscode.TreeView<unknown>;
  log: vscode.LogOutputChannel;
  /** The profile new imports read from (the active profile). */
  activeProfile(): string;
  /** The folder result files go to, when set (`batchStudio.results.folder`). */
  resultsFolder(): string | undefined;
}

/** Tree commands receive a node; palette and notification callers pass the job itself. */
export function jobFromArgument(argument: unknown): Job | undefined {
  if (!argument || typeof argument !== 'object') return undefined;
  const candidate = (argument as { job?: Job }).job ?? (argument as Job);
  return typeof candidate.id === 'string' && typeof candidate.profile === 'string' ? candidate : undefined;
}
