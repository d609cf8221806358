import * as os from 'node:os';
import * as path from 'node:path';
import * as vscode from 'vscode';
import type { Job } from '../../core/jobs/job';
import { BUILT_IN_PROFILES } from '../../core/providers/profile';
import { discountNameForProfile, loadPriceTable, PriceTableError, type PriceTable } from '../../core/results';
import type { BatchStudioConfiguration } from '../configuration';
import { describeFileError } from '../../core/errors';

export interface SummaryPrices {
  prices?: PriceTable;
  /** Which discount applies: the seed provider's own, else the Batch API's. */
  discount: string;
  /** Why the user's price file cannot be used, naming the setting; the summary then has no cost. */
  problem?: string;
}

/** `~/prices.json`, an absolute path, or one relative to the first workspace folder. */
function resolvePriceFile(value: string): string {
  if (value === '~' || value.startsWith('~/')) return path.join(os.homedir(), value.slice(1));
  const folder = vscode.workspace.workspaceFolders?.[0]?.uri.fsPath;
  return path.isAbsolute(value) || !folder ? value : path.join(folder, value);
}

function describeProblem(error: unknown): string {
  if (error instanceof PriceTableError) return error.message;
  return describeFileError(error);
}

function discountFor(job: Job | undefined, configuration: BatchStudioConfiguration): string {
  if (!job) return 'batch';
  const profile = [...configuration.userProfiles().profiles, ...BUILT_IN_PROFILES].find((candidate) => candidate.name === job.profile);
  return profile ? discountNameForProfile(profile) : 'batch';
}

/** The shipped prices with the user's `batchStudio.results.priceFile` merged over them. */
export async function loadSummaryPrices(configuration: BatchStudioConfiguration, defaultsPath: string, job: Job | undefined): Promise<SummaryPrices> {
  const discount = discountFor(job, configuration);
  const userFile = configuration.resultsPriceFile();
  try {
    const prices = await loadPriceTable({ defaultsPath, userPath: userFile && resolvePriceFile(userFile) });
    if (!prices.discounts[discount]) throw new PriceTableError(`the price table has no discount named "${discount}"`);
    return { prices, discount };
  } catch (error) {
    const where = userFile ? `The prices in "${configuration.settingKey('resultsPriceFile')}"` : 'The shipped price table';
    return { discount, problem: `${where} cannot be used: ${describeProblem(error)}. Fix or clear the setting; until then the summary shows no cost.` };
  }
}
