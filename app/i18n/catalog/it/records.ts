import type { Catalogue } from "../en";

export const records: Catalogue["records"] = {
  detailTitle: "{{name}}",
  statusActive: "In uso",
  statusArchived: "Archiviato",
  archivedOn: "Archiviato il {{date}}",
  archive: "Archivia",
  restore: "Ripristina",
  delete: "Elimina",
  archived: "{{name}} archiviato.",
  restored: "{{name}} ripristinato.",
  deleted: "{{name}} eliminato.",
  saved: "{{name}} salvato.",
  created: "{{name}} creato.",
  edit: "Dati",
  archiveHelp:
    "Un record archiviato resta nella cronologia e in tutto ciò che vi fa riferimento, ma non viene più proposto per nuovi inserimenti.",
  cannotDeleteTitle: "Questo record non può essere eliminato",
  deleteHelp: "Si può eliminare solo un record a cui nulla fa riferimento; l'eliminazione resta nel registro delle modifiche.",
  createdAt: "Creato",
  updatedAt: "Ultima modifica",
};
