import type { Catalogue } from "../en";

export const universities: Catalogue["universities"] = {
  title: "Università",
  searchLabel: "Cerca università",
  new: "Nuova università",
  newTitle: "Nuova università",
  backToList: "Tutte le università",
  name: "Denominazione",
  shortName: "Sigla",
  city: "Città",
  contactOffice: "Ufficio di riferimento",
  contactEmail: "E-mail di riferimento",
  programmes: "Scuole",
  agreements: "Convenzioni",
  status: "Stato",
  noProgrammes: "Nessuna scuola di questa università finora.",
  nameTaken: "Esiste già un'università con questa denominazione.",
  inUse_one:
    "{{count}} record dipende da questa università ($t(universities.dependents)). Archiviala invece: resterà nella cronologia ma non verrà più proposta.",
  inUse_other:
    "{{count}} record dipendono da questa università ($t(universities.dependents)). Archiviala invece: resterà nella cronologia ma non verrà più proposta.",
  dependents: "{{programmes}} scuole, {{agreements}} convenzioni",
  agreementsOf_one: "{{count}} convenzione",
  agreementsOf_other: "{{count}} convenzioni",
};
