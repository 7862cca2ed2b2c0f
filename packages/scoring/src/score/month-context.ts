import { newMonthBucket, type HallModel, type MonthBucket } from '../model/hall-model.ts';
import { type CatalogueTimeline, type CompiledCatalogue, CatalogueTimeline as Timeline } from '../catalogue/compiled-catalogue.ts';
import { defaultCatalogue } from '../catalogue/default-catalogue.ts';
import { WorkingCalendar } from '../calendar/working-days.ts';
import { monthDays, monthOfDay, parsePeriod } from '../calendar/civil-days.ts';
import { type AssignmentIndex, assignmentIndex } from '../model/assignments.ts';
import { byTime } from '../model/records.ts';

const fallbackCatalogue = defaultCatalogue('1970-01-01');

const emptyBucket: MonthBucket = newMonthBucket(0, -1);

/** What every rule evaluator of one month reads. */
export interface MonthContext {
  readonly model: HallModel;
  readonly period: string;
  readonly month: number;
  readonly first: number;
  readonly last: number;
  readonly bucket: MonthBucket;
  readonly timeline: CatalogueTimeline;
  /** The version in force on the month's last day: bases, bonus cap, rule caps, period rules. */
  readonly monthCatalogue: CompiledCatalogue;
  readonly calendar: WorkingCalendar;
  readonly assignments: AssignmentIndex;
}

export function timelineOf(model: HallModel): CatalogueTimeline {
  if (!model.cache.timeline) {
    const versions = new Map<number, (typeof model.catalogues)[number]>();
    // One source per version number: the latest publication of it.
    for (const rec of model.catalogues) {
      const seen = versions.get(rec.e.data.version);
      if (!seen || byTime(rec, seen) > 0) versions.set(rec.e.data.version, rec);
    }
    const sources = [...versions.values()].map((rec) => rec.e.data);
    model.cache.timeline = new Timeline(sources.length > 0 ? sources : [fallbackCatalogue]);
  }
  return model.cache.timeline;
}

export function calendarOf(model: HallModel): WorkingCalendar {
  if (!model.cache.calendar) {
    const sets = [...model.calendarSets].sort(byTime);
    model.cache.calendar = new WorkingCalendar(sets.flatMap((rec) => rec.e.data.days));
  }
  return model.cache.calendar;
}

/** The version in force on the last day of the month holding `day`. */
export function monthCatalogueOfDay(timeline: CatalogueTimeline, day: number): CompiledCatalogue {
  return timeline.at(monthDays(monthOfDay(day)).last);
}

export function monthContext(model: HallModel, period: string): MonthContext {
  const month = parsePeriod(period);
  const { first, last } = monthDays(month);
  const timeline = timelineOf(model);
  return {
    model,
    period,
    month,
    first,
    last,
    bucket: model.months.get(month) ?? emptyBucket,
    timeline,
    monthCatalogue: timeline.at(last),
    calendar: calendarOf(model),
    assignments: assignmentIndex(model),
  };
}
