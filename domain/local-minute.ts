/** The fields of a wall-clock time to the minute, `YYYY-MM-DD HH:mm` (the dashboard and the report show times so). */
export const LOCAL_MINUTE: Readonly<Intl.DateTimeFormatOptions> = {
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
  hour: '2-digit',
  minute: '2-digit',
};
