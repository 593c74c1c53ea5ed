/**
 * Alphabetical order in Italian and in English, each collator built once. `a.localeCompare(b, "it")`
 * builds a new one on every call: sorting the open figures' 2,500 programmes for five years took 450 ms
 * that way at national size.
 */
export const compareItalian = new Intl.Collator("it").compare;
export const compareEnglish = new Intl.Collator("en").compare;
