// Parse .ics files with Mozilla's ical.js and print what a client would read, as JSON.
// Usage: node ical_dump.mjs NODE_MODULES FILE.ics...   (one JSON object per file, in a list)
import fs from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";

const [modules, ...files] = process.argv.slice(2);
const ICAL = (await import(pathToFileURL(path.join(modules, "ical.js", "dist", "ical.js")).href)).default;

function time(t) {
  if (!t) return null;
  if (t.isDate) return { date: t.toString(), isDate: true };
  return {
    local: t.toString(), // wall-clock time in the event's own zone
    tzid: t.zone ? t.zone.tzid : null,
    utc: t.toJSDate().toISOString(), // the instant, through the VTIMEZONE in the file
    isDate: false,
  };
}

function text(component, name) {
  const value = component.getFirstPropertyValue(name);
  return value === null ? null : String(value);
}

function dump(source) {
  const root = new ICAL.Component(ICAL.parse(source));
  const calendar = {};
  for (const prop of root.getAllProperties()) {
    calendar[prop.name] = String(prop.getFirstValue());
    if (prop.name === "refresh-interval" || prop.name === "source") calendar[prop.name + ";type"] = prop.type;
  }
  const events = root.getAllSubcomponents("vevent").map((vevent) => {
    const event = new ICAL.Event(vevent);
    return {
      uid: event.uid,
      summary: event.summary,
      location: event.location,
      description: event.description,
      status: text(vevent, "status"),
      sequence: event.sequence,
      url: text(vevent, "url"),
      transp: text(vevent, "transp"),
      dtstamp: text(vevent, "dtstamp"),
      created: text(vevent, "created"),
      lastModified: text(vevent, "last-modified"),
      start: time(event.startDate),
      end: time(event.endDate),
      alarms: vevent.getAllSubcomponents("valarm").map((alarm) => ({
        action: text(alarm, "action"),
        trigger: text(alarm, "trigger"),
        description: text(alarm, "description"),
      })),
    };
  });
  return {
    calendar,
    timezones: root.getAllSubcomponents("vtimezone").map((tz) => text(tz, "tzid")),
    events,
  };
}

const out = files.map((file) => dump(fs.readFileSync(file, "utf8")));
process.stdout.write(JSON.stringify(out));
