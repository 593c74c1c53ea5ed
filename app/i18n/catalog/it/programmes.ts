import type { Catalogue } from "../en";

export const programmes: Catalogue["programmes"] = {
  title: "Scuole di specializzazione",
};
