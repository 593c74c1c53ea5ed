// Creates the first administrator of a new installation and prints a one-time set-password link:
//   npm run admin:create -- --email giulia.ferraris@hospital.it --name "Giulia Ferraris"
import { parseArgs } from "node:util";
import { issuePasswordToken, passwordLinkPath } from "~/auth/password-token.server";
import { Refused } from "~/domain/refusal";
import { createUser } from "~/models/user.server";
import { createUserSchema } from "~/schemas/user";
import { prisma } from "~/utils/db.server";

const { values } = parseArgs({ options: { email: { type: "string" }, name: { type: "string" } } });
const parsed = createUserSchema.safeParse({ email: values.email, name: values.name, roles: ["admin"] });
if (!parsed.success) {
  console.error('Usage: npm run admin:create -- --email someone@hospital.it --name "Full Name"');
  for (const issue of parsed.error.issues) console.error(`  ${issue.path.join(".")}: ${issue.message}`);
  process.exit(2);
}
try {
  const user = await createUser(parsed.data, null);
  const link = await issuePasswordToken(user.id);
  const origin = process.env.APP_ORIGIN ?? `http://localhost:${process.env.PORT ?? 3000}`;
  console.log(`Administrator ${parsed.data.name} <${parsed.data.email}> created.`);
  console.log(`Hand over this link (single use, valid until ${link.expiresAt.toISOString()}):`);
  console.log(`  ${origin}${passwordLinkPath(link.token)}`);
} catch (error) {
  if (error instanceof Refused && error.refusals.some((r) => r.field === "email")) {
    console.error(`An account with the e-mail ${parsed.data.email} already exists.`);
    process.exit(1);
  }
  throw error;
} finally {
  await prisma.$disconnect();
}
