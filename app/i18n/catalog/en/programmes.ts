export const programmes = {
  title: "Programmes",
};
