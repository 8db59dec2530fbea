// Parse iCalendar files with Mozilla's ical.js (Thunderbird's parser) and print every
// occurrence as UTC JSON: {"<file>": [{"uid", "summary", "status", "start", "end", "allDay"}]}.
// Usage: node icaljs_occurrences.mjs <until-year> <file.ics>...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "..", "package.json"));
const ICAL = (await import(require.resolve("ical.js"))).default;

const [untilYear, ...files] = process.argv.slice(2);
const limit = ICAL.Time.fromDateTimeString(`${untilYear}-01-01T00:00:00Z`);
const result = {};

function utc(time) {
  if (time.isDate) return time.toString(); // YYYY-MM-DD, all-day
  return new Date(time.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.register(new ICAL.Timezone(vtimezone));
  }
  const occurrences = [];
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const event = new ICAL.Event(vevent);
    const zone = event.startDate.zone;
    if (!event.startDate.isDate && (!zone || zone.tzid === "floating")) {
      throw new Error(`${file}: ${event.uid} has a floating start (VTIMEZONE not used)`);
    }
    const iterator = event.iterator();
    for (let next = iterator.next(); next && next.compare(limit) < 0; next = iterator.next()) {
      const details = event.getOccurrenceDetails(next);
      occurrences.push({
        uid: event.uid, summary: event.summary,
        status: vevent.getFirstPropertyValue("status"),
        start: utc(details.startDate), end: utc(details.endDate),
        allDay: details.startDate.isDate,
      });
    }
  }
  result[file] = occurrences;
  for (const vtimezone of root.getAllSubcomponents("vtimezone")) {
    ICAL.TimezoneService.remove(vtimezone.getFirstPropertyValue("tzid"));
  }
}
process.stdout.write(JSON.stringify(result));
