/** A parsed 5-field cron expression (minute hour day-of-month month day-of-week), evaluated in UTC. */
export interface CronExpression {
  readonly source: string;
  readonly minutes: ReadonlySet<number>;
  readonly hours: ReadonlySet<number>;
  readonly daysOfMonth: ReadonlySet<number>;
  readonly months: ReadonlySet<number>;
  readonly daysOfWeek: ReadonlySet<number>;
  /** Cron's rule: when both day fields are restricted, a day matching either one fires. */
  readonly dayOfMonthRestricted: boolean;
  readonly dayOfWeekRestricted: boolean;
}

const FIELDS = [
  { name: "minute", min: 0, max: 59 },
  { name: "hour", min: 0, max: 23 },
  { name: "day of month", min: 1, max: 31 },
  { name: "month", min: 1, max: 12 },
  { name: "day of week", min: 0, max: 7 },
] as const;

/** Parses `*`, `n`, `a-b`, `*\/s`, `a-b/s` and comma lists of them; throws an Error that names the bad field. */
export function parseCron(source: string): CronExpression {
  const parts = source.trim().split(/\s+/);
  if (parts.length !== 5)
    throw new Error(`a cron expression has 5 fields (minute hour day month weekday), got ${parts.length}`);
  const sets = parts.map((part, index) => parseField(part, FIELDS[index] as (typeof FIELDS)[number]));
  const daysOfWeek = new Set([...(sets[4] as Set<number>)].map((day) => day % 7));
  const expression: CronExpression = {
    source,
    minutes: sets[0] as Set<number>,
    hours: sets[1] as Set<number>,
    daysOfMonth: sets[2] as Set<number>,
    months: sets[3] as Set<number>,
    daysOfWeek,
    dayOfMonthRestricted: !parts[2]?.startsWith("*"),
    dayOfWeekRestricted: !parts[4]?.startsWith("*"),
  };
  if (nextCronRun(expression, Date.UTC(2000, 0, 1)) === undefined) {
    throw new Error(`cron expression "${source}" never fires`);
  }
  return expression;
}

function parseField(text: string, field: (typeof FIELDS)[number]): Set<number> {
  const values = new Set<number>();
  for (const item of text.split(",")) {
    const match = /^(\*|(\d+)(?:-(\d+))?)(?:\/(\d+))?$/.exec(item);
    if (!match) throw new Error(`cron ${field.name} field "${text}" is not a number, range, list or step`);
    const [, all, first, last, stepText] = match;
    const start = all === "*" ? field.min : Number(first);
    const end = all === "*" ? field.max : last !== undefined ? Number(last) : stepText ? field.max : start;
    const step = stepText === undefined ? 1 : Number(stepText);
    if (start < field.min || end > field.max || start > end) {
      throw new Error(`cron ${field.name} field "${text}" is outside ${field.min}-${field.max}`);
    }
    if (step < 1) throw new Error(`cron ${field.name} field "${text}" has a step below 1`);
    for (let value = start; value <= end; value += step) values.add(value);
  }
  return values;
}

function dayMatches(expression: CronExpression, date: Date): boolean {
  const byMonthDay = expression.daysOfMonth.has(date.getUTCDate());
  const byWeekDay = expression.daysOfWeek.has(date.getUTCDay());
  if (expression.dayOfMonthRestricted && expression.dayOfWeekRestricted) return byMonthDay || byWeekDay;
  return byMonthDay && byWeekDay;
}

const MINUTE = 60_000;
const SEARCH_LIMIT = 5 * 366 * 24 * 60 * MINUTE;

/** The first minute strictly after `after` (ms) that the expression matches, or undefined within five years. */
export function nextCronRun(expression: CronExpression, after: number): number | undefined {
  const date = new Date(Math.floor(after / MINUTE) * MINUTE + MINUTE);
  const limit = after + SEARCH_LIMIT;
  while (date.getTime() <= limit) {
    if (!expression.months.has(date.getUTCMonth() + 1)) {
      date.setUTCMonth(date.getUTCMonth() + 1, 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!dayMatches(expression, date)) {
      date.setUTCDate(date.getUTCDate() + 1);
      date.setUTCHours(0, 0, 0, 0);
    } else if (!expression.hours.has(date.getUTCHours())) {
      date.setUTCHours(date.getUTCHours() + 1, 0, 0, 0);
    } else if (!expression.minutes.has(date.getUTCMinutes())) {
      date.setUTCMinutes(date.getUTCMinutes() + 1, 0, 0);
    } else {
      return date.getTime();
    }
  }
  return undefined;
}
