export const universities = {
  title: "Universities",
  searchLabel: "Search universities",
  new: "New university",
  newTitle: "New university",
  backToList: "All universities",
  name: "Name",
  shortName: "Short name",
  city: "City",
  contactOffice: "Contact office",
  contactEmail: "Contact e-mail",
  programmes: "Programmes",
  agreements: "Agreements",
  status: "Status",
  noProgrammes: "No programme of this university yet.",
  nameTaken: "A university with this name already exists.",
  inUse_one:
    "{{count}} record depends on this university ($t(universities.dependents)). Archive it instead: it will stay in the history but no longer be offered.",
  inUse_other:
    "{{count}} records depend on this university ($t(universities.dependents)). Archive it instead: it will stay in the history but no longer be offered.",
  dependents: "{{programmes}} programmes, {{agreements}} agreements",
  agreementsOf_one: "{{count}} agreement",
  agreementsOf_other: "{{count}} agreements",
};
