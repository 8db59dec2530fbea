// Expand outside calendars with Mozilla's ical.js (Thunderbird's parser), independently of
// our Python code, and print every occurrence in a window as UTC JSON:
// {"<file>": [{"uid", "start", "end", "cancelled"}]}; all-day values stay dates.
// Overrides (RECURRENCE-ID) are related to their series as Thunderbird does; floating
// times are taken as Europe/Berlin (the rule of our reader), via the zone below.
// Usage: node icaljs_expand.mjs <from YYYY-MM-DD> <until YYYY-MM-DD> <file.ics>...
import { readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const here = dirname(fileURLToPath(import.meta.url));
const require = createRequire(join(here, "..", "..", "package.json"));
const ICAL = (await import(require.resolve("ical.js"))).default;

const BERLIN = [
  "BEGIN:VTIMEZONE", "TZID:Europe/Berlin",
  "BEGIN:DAYLIGHT", "TZOFFSETFROM:+0100", "TZOFFSETTO:+0200", "TZNAME:CEST",
  "DTSTART:19700329T020000", "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU", "END:DAYLIGHT",
  "BEGIN:STANDARD", "TZOFFSETFROM:+0200", "TZOFFSETTO:+0100", "TZNAME:CET",
  "DTSTART:19701025T030000", "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU", "END:STANDARD",
  "END:VTIMEZONE"].join("\r\n");
const berlin = new ICAL.Timezone(new ICAL.Component(ICAL.parse(BERLIN)));

const [from, until, ...files] = process.argv.slice(2);
const first = ICAL.Time.fromDateString(from);
const last = ICAL.Time.fromDateString(until);

function instant(time) {
  if (time.isDate) return time.toString();
  let value = time;
  if (!time.zone || time.zone.tzid === "floating") {
    value = time.clone();
    value.zone = berlin;
  }
  return new Date(value.toUnixTime() * 1000).toISOString().replace(".000Z", "Z");
}

function starts(event) {
  // ical.js 2.2 skips DTSTART of an RDATE-only series (kewisch/ical.js PR #534; Thunderbird
  // iterates RDATEs itself), though RFC 5545 counts DTSTART as the first instance.
  const component = event.component;
  const rdateOnly = component.hasProperty("rdate") && !component.hasProperty("rrule");
  const iterator = event.iterator();
  const times = rdateOnly ? [event.startDate] : [];
  return { next: () => times.shift() || iterator.next() };
}

function expand(event, found) {
  const iterator = starts(event);
  for (let next = iterator.next(); next; next = iterator.next()) {
    const details = event.getOccurrenceDetails(next);
    if (details.startDate.compare(last) > 0 && next.compare(last) > 0) break;
    if (details.endDate.compare(first) <= 0 || details.startDate.compare(last) > 0) continue;
    const status = details.item.component.getFirstPropertyValue("status") || "";
    found.push({
      uid: event.uid, start: instant(details.startDate), end: instant(details.endDate),
      cancelled: status.toUpperCase() === "CANCELLED",
    });
  }
}

function single(event, found) {
  if (event.endDate.compare(first) <= 0 || event.startDate.compare(last) > 0) return;
  const status = event.component.getFirstPropertyValue("status") || "";
  found.push({
    uid: event.uid, start: instant(event.startDate), end: instant(event.endDate),
    cancelled: status.toUpperCase() === "CANCELLED",
  });
}

const result = {};
for (const file of files) {
  const root = new ICAL.Component(ICAL.parse(readFileSync(file, "utf8")));
  const zones = root.getAllSubcomponents("vtimezone");
  for (const zone of zones) ICAL.TimezoneService.register(new ICAL.Timezone(zone));
  const byUid = new Map();
  for (const vevent of root.getAllSubcomponents("vevent")) {
    const uid = vevent.getFirstPropertyValue("uid");
    if (!byUid.has(uid)) byUid.set(uid, []);
    byUid.get(uid).push(vevent);
  }
  const found = [];
  for (const components of byUid.values()) {
    const master = components.find((c) => !c.hasProperty("recurrence-id"));
    const overrides = components.filter((c) => c.hasProperty("recurrence-id"));
    if (master) {
      expand(new ICAL.Event(master, { exceptions: overrides }), found);
    } else {
      // Instances without their series (an expanded export, as CalDAV's expand=1 gives):
      // each is one occurrence as it stands.
      for (const override of overrides) single(new ICAL.Event(override), found);
    }
  }
  result[file] = found;
  for (const zone of zones) ICAL.TimezoneService.remove(zone.getFirstPropertyValue("tzid"));
}
process.stdout.write(JSON.stringify(result));
