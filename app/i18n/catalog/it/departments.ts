import type { Catalogue } from "../en";

export const departments: Catalogue["departments"] = {
  title: "Strutture",
};
