import * as path from 'node:path';
import * as vscode from 'vscode';
import { type Job, type JobError, isTerminalStatus, jobKey } from '../../core/jobs/job';
import type { JobStore, JobStoreChange } from '../../core/jobs/jobStore';
import { presentJob } from '../../core/jobs/jobPresentation';
import { formatCount } from '../../core/formatting';
import type { JobProgressTracker } from '../../core/jobs/progress';
import { COMMANDS } from '../../core/contributionIds';
import type { RunProgress } from '../../core/runner';

/** A profile's group of jobs. */
export class ProfileNode {
  readonly kind = 'profile';
  constructor(readonly profile: string) {}
}

/** One job; the node object is kept for the job's lifetime so a change redraws only this row. */
export class JobNode {
  readonly kind = 'job';
  constructor(public job: Job) {}
}

export type JobFileRole = 'input' | 'output' | 'error';

export class JobFileNode {
  readonly kind = 'file';
  constructor(
    readonly job: Job,
    readonly role: JobFileRole,
  ) {}
}

/** A validation error the provider returned for a failed batch; opens the input at its line. */
export class JobErrorNode {
  readonly kind = 'error';
  constructor(
    readonly job: Job,
    readonly error: JobError,
  ) {}
}

/** A job's failed requests (it has an error file): shows them beside the input, at their lines. */
export class JobFailuresNode {
  readonly kind = 'failures';
  constructor(readonly job: Job) {}
}

export type JobsTreeNode = ProfileNode | JobNode | JobFileNode | JobErrorNode | JobFailuresNode;

/** A job file's row label (a function: the labels are in the display language). */
function fileLabel(role: JobFileRole): string {
  return role === 'input' ? vscode.l10n.t('Input file') : role === 'output' ? vscode.l10n.t('Output file') : vscode.l10n.t('Error file');
}

/**
 * The Jobs view: profiles, their jobs newest first, and each job's files and errors. It listens to the
 * JobStore and redraws only the rows of jobs that changed (whole groups only when jobs come or go).
 */
export class JobsTreeProvider implements vscode.TreeDataProvider<JobsTreeNode>, vscode.Disposable {
  private readonly changeEmitter = new vscode.EventEmitter<JobsTreeNode | JobsTreeNode[] | undefined>();
  readonly onDidChangeTreeData = this.changeEmitter.event;
  private readonly jobNodes = new Map<string, JobNode>();
  private readonly profileNodes = new Map<string, ProfileNode>();
  private readonly subscription: { dispose(): void };

  constructor(
    private readonly store: JobStore,
    private readonly progress: JobProgressTracker,
    /** The live progress of a direct run this window is sending. */
    private readonly runProgress: (job: Job) => RunProgress | undefined = () => undefined,
    private readonly now: () => number = Date.now,
  ) {
    this.subscription = store.onDidChange((change) => this.onStoreChange(change));
  }

  /** Redraws one job's row (a direct run paused or resumed: its stored record did not change). */
  refreshJob(job: Job): void {
    const node = this.jobNodes.get(jobKey(job));
    if (node) this.changeEmitter.fire([node]);
  }

  /** Redraws every job row (relative times and ETAs age even when nothing changes), or only the active ones. */
  refreshDescriptions(options: { activeOnly?: boolean } = {}): void {
    const nodes = [...this.jobNodes.values()].filter((node) => !options.activeOnly || !isTerminalStatus(node.job.status));
    if (nodes.length > 0) this.changeEmitter.fire(nodes);
  }

  private onStoreChange(change: JobStoreChange): void {
    const jobsChanged: JobNode[] = [];
    let structureChanged = change.removed.length > 0;
    for (const job of change.changed) {
      const node = this.jobNodes.get(jobKey(job));
      if (node) {
        node.job = job;
        jobsChanged.push(node);
      } else {
        structureChanged = true;
      }
    }
    for (const job of change.removed) this.jobNodes.delete(jobKey(job));
    if (structureChanged) this.changeEmitter.fire(undefined);
    else if (jobsChanged.length > 0) this.changeEmitter.fire(jobsChanged);
  }

  getTreeItem(node: JobsTreeNode): vscode.TreeItem {
    switch (node.kind) {
      case 'profile':
        return this.profileItem(node);
      case 'job':
        return this.jobItem(node);
      case 'file':
        return this.fileItem(node);
      case 'error':
        return this.errorItem(node);
      case 'failures':
        return this.failuresItem(node);
    }
  }

  getChildren(node?: JobsTreeNode): JobsTreeNode[] {
    const jobs = this.store.all();
    if (!node) {
      const profiles = [...new Set(jobs.map((job) => job.profile))];
      return profiles.map((profile) => this.profileNode(profile));
    }
    if (node.kind === 'profile') return jobs.filter((job) => job.profile === node.profile).map((job) => this.jobNode(job));
    if (node.kind === 'job') return this.jobChildren(node.job);
    return [];
  }

  getParent(node: JobsTreeNode): JobsTreeNode | undefined {
    if (node.kind === 'profile') return undefined;
    if (node.kind === 'job') return this.profileNode(node.job.profile);
    return this.jobNodes.get(jobKey(node.job));
  }

  /** The node of a job, for `TreeView.reveal`. */
  nodeFor(job: Job): JobNode {
    return this.jobNode(job);
  }

  dispose(): void {
    this.subscription.dispose();
    this.changeEmitter.dispose();
  }

  private profileNode(profile: string): ProfileNode {
    let node = this.profileNodes.get(profile);
    if (!node) {
      node = new ProfileNode(profile);
      this.profileNodes.set(profile, node);
    }
    return node;
  }

  private jobNode(job: Job): JobNode {
    const key = jobKey(job);
    let node = this.jobNodes.get(key);
    if (!node) {
      node = new JobNode(job);
      this.jobNodes.set(key, node);
    }
    node.job = job;
    return node;
  }

  private jobChildren(job: Job): JobsTreeNode[] {
    const children: JobsTreeNode[] = [];
    if (job.sourceFile) children.push(new JobFileNode(job, 'input'));
    if (job.outputFileId) children.push(new JobFileNode(job, 'output'));
    if (job.errorFileId) children.push(new JobFileNode(job, 'error'), new JobFailuresNode(job));
    for (const error of job.errors ?? []) children.push(new JobErrorNode(job, error));
    return children;
  }

  private profileItem(node: ProfileNode): vscode.TreeItem {
    const item = new vscode.TreeItem(node.profile, vscode.TreeItemCollapsibleState.Expanded);
    item.id = `profile:${node.profile}`;
    item.iconPath = new vscode.ThemeIcon('server-environment');
    item.contextValue = 'profile';
    const jobs = this.store.all().filter((job) => job.profile === node.profile);
    item.description = jobs.length === 1 ? vscode.l10n.t('1 job') : vscode.l10n.t('{0} jobs', formatCount(jobs.length));
    return item;
  }

  private jobItem(node: JobNode): vscode.TreeItem {
    const job = node.job;
    const key = jobKey(job);
    const view = presentJob(job, this.progress.progress(key, job, this.now()), this.now(), job.directRun ? this.runProgress(job) : undefined);
    const hasChildren = Boolean(job.sourceFile || job.outputFileId || job.errorFileId || job.errors?.length);
    const item = new vscode.TreeItem(
      view.label,
      hasChildren ? vscode.TreeItemCollapsibleState.Collapsed : vscode.TreeItemCollapsibleState.None,
    );
    item.id = `job:${key}`;
    item.description = view.description;
    item.iconPath = new vscode.ThemeIcon(view.icon, view.iconColor ? new vscode.ThemeColor(view.iconColor) : undefined);
    item.tooltip = new vscode.MarkdownString(view.tooltip);
    item.contextValue = view.contextValue;
    return item;
  }

  private fileItem(node: JobFileNode): vscode.TreeItem {
    const job = node.job;
    const fileId = node.role === 'input' ? job.inputFileId : node.role === 'output' ? job.outputFileId : job.errorFileId;
    const item = new vscode.TreeItem(fileLabel(node.role), vscode.TreeItemCollapsibleState.None);
    item.id = `file:${jobKey(job)}:${node.role}`;
    item.contextValue = `jobFile ${node.role}`;
    if (node.role === 'input' && job.sourceFile) {
      item.description = path.basename(job.sourceFile);
      item.iconPath = new vscode.ThemeIcon('file');
      item.resourceUri = vscode.Uri.file(job.sourceFile);
      item.command = { command: 'vscode.open', title: vscode.l10n.t('Open Input'), arguments: [vscode.Uri.file(job.sourceFile)] };
    } else {
      item.description = fileId;
      item.iconPath = new vscode.ThemeIcon(node.role === 'error' ? 'warning' : 'output');
      item.command = { command: COMMANDS.openJobFile, title: vscode.l10n.t('Open {0}', fileLabel(node.role)), arguments: [{ job, role: node.role }] };
    }
    return item;
  }

  private failuresItem(node: JobFailuresNode): vscode.TreeItem {
    const { job } = node;
    const item = new vscode.TreeItem(vscode.l10n.t('Show Errors'), vscode.TreeItemCollapsibleState.None);
    item.id = `failures:${jobKey(job)}`;
    const failed = job.requestCounts.failed;
    item.description =
      failed === 0 ? vscode.l10n.t('beside the input') : failed === 1 ? vscode.l10n.t('1 failed request, beside the input') : vscode.l10n.t('{0} failed requests, beside the input', formatCount(failed));
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.contextValue = 'jobFailures';
    item.command = { command: COMMANDS.showJobErrors, title: vscode.l10n.t('Show Errors'), arguments: [job] };
    return item;
  }

  private errorItem(node: JobErrorNode): vscode.TreeItem {
    const { error, job } = node;
    const where = error.line ? vscode.l10n.t('line {0}: ', error.line) : '';
    const item = new vscode.TreeItem(`${where}${error.message}`, vscode.TreeItemCollapsibleState.None);
    item.description = error.code;
    item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
    item.tooltip = `${error.code}${error.param ? ` (${error.param})` : ''}: ${error.message}`;
    item.contextValue = 'jobError';
    if (job.sourceFile && error.line) {
      const line = Math.max(0, error.line - 1);
      item.command = {
        command: 'vscode.open',
        title: vscode.l10n.t('Open Input at Line'),
        arguments: [vscode.Uri.file(job.sourceFile), { selection: new vscode.Range(line, 0, line, 0) } satisfies vscode.TextDocumentShowOptions],
      };
    }
    return item;
  }
}
