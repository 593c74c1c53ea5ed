import { z } from "zod";

/**
 * The portal's zod: import it from here, never from "zod" (ESLint refuses the direct import), so that
 * this configuration is loaded wherever a form is checked, in the browser and on the server.
 *
 * Every message a schema gives is a translation key (forms show `t(message)`). A check written without
 * one (an id's length, a hidden field's literal, a field sent twice by a tampered form) would otherwise
 * show zod's own English sentence: those get a translated key here instead.
 */
z.config({
  customError: (issue) => {
    if (issue.code === "too_big") return issue.origin === "array" || issue.origin === "set" ? "errors.tooMany" : "errors.tooLong";
    return "errors.invalid";
  },
});

export * from "zod";
export { z };
