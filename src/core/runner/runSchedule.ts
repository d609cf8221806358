import * as l10n from '@vscode/l10n';
/** Time windows a run must not send in, in a time zone: `{"timeZone": "Asia/Shanghai", "avoid": ["09:00-12:00"]}`. */
export interface RunSchedule {
  timeZone: string;
  /** `HH:MM-HH:MM` local times; a window whose end is not after its start runs past midnight. */
  avoid: string[];
}

const WINDOW = /^([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-4]):([0-5]\d)$/;
const DAY_MINUTES = 24 * 60;

/** The schedule's problem in words, or undefined when it can be used. */
export function scheduleProblem(schedule: unknown): string | undefined {
  const fields = typeof schedule === 'object' && schedule !== null ? (schedule as Record<string, unknown>) : undefined;
  if (!fields || typeof fields.timeZone !== 'string' || !Array.isArray(fields.avoid)) return l10n.t('"schedule" must be {0}.', '{"timeZone": "Area/City", "avoid": ["HH:MM-HH:MM", …]}');
  try {
    new Intl.DateTimeFormat('en-GB', { timeZone: fields.timeZone });
  } catch {
    return l10n.t('"schedule.timeZone" "{0}" is not a time zone (e.g. Asia/Shanghai).', fields.timeZone);
  }
  const bad = fields.avoid.find((window) => typeof window !== 'string' || !WINDOW.test(window));
  return bad === undefined ? undefined : l10n.t('"schedule.avoid" entry {0} is not a HH:MM-HH:MM window.', JSON.stringify(bad));
}

/** Minutes and milliseconds since local midnight in `timeZone`. */
function localTimeOfDay(nowMs: number, timeZone: string): { minute: number; msIntoMinute: number } {
  const parts = new Intl.DateTimeFormat('en-GB', { timeZone, hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(new Date(nowMs));
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value ?? 0);
  return { minute: value('hour') * 60 + value('minute'), msIntoMinute: nowMs % 60_000 };
}

/** While `nowMs` falls in an avoided window: when that window ends (ms since the epoch); else undefined. */
export function scheduleHoldUntil(schedule: RunSchedule, nowMs: number): number | undefined {
  const { minute, msIntoMinute } = localTimeOfDay(nowMs, schedule.timeZone);
  let until: number | undefined;
  for (const window of schedule.avoid) {
    const match = WINDOW.exec(window);
    if (!match) continue;
    const start = Number(match[1]) * 60 + Number(match[2]);
    const end = Number(match[3]) * 60 + Number(match[4]);
    const length = (end - start + DAY_MINUTES) % DAY_MINUTES || DAY_MINUTES;
    const into = (minute - start + DAY_MINUTES) % DAY_MINUTES;
    if (into >= length) continue;
    const endsAt = nowMs - msIntoMinute + (length - into) * 60_000;
    until = Math.max(until ?? 0, endsAt);
  }
  return until;
}
