// Formatting shared by server and client: dates print in the server's time zone (the facilitator's
// laptop), so a page renders the same on both sides.
export const SERVER_TIME_ZONE = process.env.TZ || Intl.DateTimeFormat().resolvedOptions().timeZone || "UTC";
