import type { AgreementProblem } from "~/domain/agreement-rules";
import { specialtyName } from "~/domain/specialties";
import { formatters } from "~/i18n/format";
import { translator } from "~/i18n/i18n";
import type { Locale } from "~/i18n/locale";
import { prisma } from "~/utils/db.server";

/** Each broken agreement rule in words a coordinator understands, naming the programme and the conflicting agreement. */
export async function describeProblems(problems: AgreementProblem[], locale: Locale) {
  const t = translator(locale);
  const format = formatters(locale);
  const ids = problems.flatMap((p) => ("programmeId" in p ? [p.programmeId] : []));
  const programmes = await prisma.programme.findMany({
    where: { id: { in: ids } },
    select: { id: true, specialtyCode: true, university: { select: { name: true } } },
  });
  const names = new Map(programmes.map((p) => [p.id, `${specialtyName(p.specialtyCode, locale)} (${p.university.name})`]));
  return problems.map((problem) => {
    const programme = "programmeId" in problem ? (names.get(problem.programmeId) ?? problem.programmeId) : "";
    if (problem.rule === "overlap") {
      return {
        message: t("agreements.problems.overlap", {
          programme,
          start: format.date(problem.otherStart),
          end: format.date(problem.otherEnd),
        }),
        otherId: problem.otherId,
      };
    }
    return { message: t(`agreements.problems.${problem.rule}`, { programme }) };
  });
}
