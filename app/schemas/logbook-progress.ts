import { listQuerySchema } from "~/schemas/list-query";
import { z } from "~/schemas/z";

/** A programme's progress list in the URL: behind schedule only (the default) or everyone, its order and page. */
export const programmeProgressQuerySchema = listQuerySchema(["name", "reached", "behind"] as const).extend({
  show: z.enum(["behind", "all"]).catch("behind"),
});
