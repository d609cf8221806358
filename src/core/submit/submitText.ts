import { basename } from 'node:path';
import type { Job } from '../jobs/job';
import { splitPartPath, type SplitPlan } from './splitPlan';
import type { SubmissionSummary } from './submitBatchFile';
import { looksLikeOutputLine } from '../validation/outputRules';
import { formatCount, formatCountOf } from '../formatting';

/** The words the submit flow shows: plain functions of its data, so they are tested without VS Code. */

const KB = 1024;
const MB = 1024 * KB;

export function formatBytes(bytes: number): string {
  if (bytes < KB) return `${bytes} B`;
  if (bytes < MB) return `${(bytes / KB).toFixed(1)} KB`;
  return `${(bytes / MB).toFixed(1)} MB`;
}

/** The CodeLens on line 1 of a request file, e.g. "▶ Submit to OpenAI · 1,204 requests". */
export function submitLensTitle(profileName: string, requests: number): string {
  return `▶ Submit to ${profileName} · ${formatCountOf(requests, 'request')}`;
}

/** The CodeLens on a file with errors: submitting it would be refused, so the lens leads to Problems instead. */
export function fixErrorsLensTitle(errors: number): string {
  return `$(error) ${formatCountOf(errors, 'error')}: fix before submitting`;
}

/** A results file (output lines) is not submitted: it gets no Submit lens. Cheap: one line is parsed. */
export function isResultsLine(text: string): boolean {
  try {
    const value: unknown = JSON.parse(text.replace(/^\uFEFF/, ''));
    return typeof value === 'object' && value !== null && !Array.isArray(value) && looksLikeOutputLine(value as Record<string, unknown>);
  } catch {
    return false;
  }
}

/** Where a profile sends files, for the confirmation: the emulator's address says it stays local. */
export interface SubmitTarget {
  name: string;
  baseUrl: string;
  local: boolean;
}

/** The body of the confirmation dialog: everything the user is about to pay for. */
export function confirmationDetail(summary: SubmissionSummary, target: SubmitTarget, split?: SplitPlan): string {
  const lines = [
    `Profile: ${target.name} (${target.local ? `local emulator, ${target.baseUrl}` : target.baseUrl})`,
    `Endpoint: ${summary.endpoint}`,
    `Model: ${summary.model ?? 'as each line says'}`,
    `Requests: ${formatCount(summary.requests)}`,
    `Size: ${formatBytes(summary.bytes)}`,
    `Completion window: ${summary.completionWindow}`,
  ];
  if (split) {
    const limits = [split.limits.maxRequests && formatCountOf(split.limits.maxRequests, 'request'), split.limits.maxBytes && formatBytes(split.limits.maxBytes)].filter(Boolean).join(' or ');
    const count = split.parts.length;
    lines.push(
      '',
      `The file is over this profile's limits (${limits} per file). It will be split into ${count} parts, written beside it (${basename(splitPartPath(summary.file, 1, count))} to …-${count}-of-${count}) and submitted as one group.`,
    );
  }
  return lines.join('\n');
}

/** "batch_abc (completed, submitted 2025-05-01 10:02)". */
export function describeExistingJob(job: Job): string {
  const when = new Date(job.createdAt * 1000).toISOString().slice(0, 16).replace('T', ' ');
  return `batch ${job.id} (${job.status.replace('_', ' ')}, submitted ${when} UTC)`;
}
