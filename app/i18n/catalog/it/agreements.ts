import type { Catalogue } from "../en";

export const agreements: Catalogue["agreements"] = {
  title: "Convenzioni",
};
